package dev.drover.master.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferBookTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final OfferBook book = new OfferBook("m1-1");
  private final Resources res = Resources.parse("cpus:2;mem:1024;ports:[31000-31010]");

  @Test
  void createdOffersHaveUniqueIdsAndCountAsOffered() {
    Offer a = book.create("fw1", "a1", "h1", res, List.of());
    Offer b = book.create("fw2", "a2", "h2", res, List.of());
    assertNotEquals(a.id(), b.id());
    assertTrue(a.id().startsWith("m1-1-"));
    assertEquals(res, book.offeredOn("a1"));
    assertEquals(Resources.EMPTY, book.offeredOn("a3"));
    assertEquals(2, book.all().size());
  }

  @Test
  void acceptConsumesTheOffer() {
    Offer a = book.create("fw1", "a1", "h1", res, List.of());
    assertEquals(a, book.remove(a.id()).orElseThrow());
    assertTrue(book.get(a.id()).isEmpty());
    assertTrue(book.remove(a.id()).isEmpty(), "an offer is used once");
    assertEquals(Resources.EMPTY, book.offeredOn("a1"));
  }

  @Test
  void declineReturnsResourcesAndFiltersTheAgentForTheFramework() {
    Offer a = book.create("fw1", "a1", "h1", res, List.of());
    List<Offer> declined = book.decline("fw1", List.of(a.id()), Duration.ofSeconds(5), T0);
    assertEquals(List.of(a), declined);
    assertEquals(Resources.EMPTY, book.offeredOn("a1"));
    assertTrue(book.isFiltered("fw1", "a1", T0.plusSeconds(4)));
    assertFalse(book.isFiltered("fw2", "a1", T0.plusSeconds(4)), "other frameworks are not filtered");
    assertFalse(book.isFiltered("fw1", "a2", T0.plusSeconds(4)), "other agents are not filtered");
    assertFalse(book.isFiltered("fw1", "a1", T0.plusSeconds(5)), "the filter expires");
  }

  @Test
  void declineIgnoresOffersOfOtherFrameworksAndUnknownIds() {
    Offer a = book.create("fw1", "a1", "h1", res, List.of());
    assertTrue(book.decline("fw2", List.of(a.id(), "nope"), Duration.ofSeconds(5), T0).isEmpty());
    assertTrue(book.get(a.id()).isPresent());
    assertFalse(book.isFiltered("fw2", "a1", T0));
  }

  @Test
  void reviveClearsFiltersAndExpiryForgetsThem() {
    book.filter("fw1", "a1", Duration.ofSeconds(5), T0);
    book.filter("fw2", "a1", Duration.ofSeconds(5), T0);
    book.clearFilters("fw1");
    assertFalse(book.isFiltered("fw1", "a1", T0));
    assertTrue(book.isFiltered("fw2", "a1", T0));
    book.expireFilters(T0.plusSeconds(10));
    assertFalse(book.isFiltered("fw2", "a1", T0));
  }

  @Test
  void agentDisconnectRescindsItsOffersOnly() {
    Offer a = book.create("fw1", "a1", "h1", res, List.of());
    Offer b = book.create("fw2", "a1", "h1", res, List.of());
    Offer c = book.create("fw1", "a2", "h2", res, List.of());
    assertEquals(List.of(a, b), book.removeAgent("a1"));
    assertEquals(List.of(c), List.copyOf(book.all()));
    assertEquals(List.of(c), book.removeFramework("fw1"));
    assertTrue(book.all().isEmpty());
  }
}
