package dev.drover.security.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final String TOKEN = "0123456789abcdef-apps";
  private final Credentials creds = Credentials.of(List.of(
      new Credentials.Entry("apps", TOKEN, null),
      new Credentials.Entry("ops", null, PasswordHash.hash("hunter22", 1000))));
  private final Authenticator auth = new Authenticator(Optional.of(creds), false);

  @Test
  void bearerTokenNamesItsPrincipal() {
    Authenticator.Result r = auth.authenticate("Bearer " + TOKEN, null);
    assertEquals(new Principal("apps", Principal.Via.TOKEN),
        assertInstanceOf(Authenticator.Result.Authenticated.class, r).principal());
  }

  @Test
  void badTokenIsInvalidAndTheReasonDoesNotEchoIt() {
    Authenticator.Result r = auth.authenticate("Bearer not-the-token-at-all", null);
    assertFalse(assertInstanceOf(Authenticator.Result.Invalid.class, r).reason().contains("not-the-token"));
  }

  @Test
  void basicAgainstAPasswordHash() {
    assertInstanceOf(Authenticator.Result.Authenticated.class, auth.authenticate(basic("ops", "hunter22"), null));
    assertInstanceOf(Authenticator.Result.Invalid.class, auth.authenticate(basic("ops", "wrong"), null));
    assertInstanceOf(Authenticator.Result.Invalid.class, auth.authenticate(basic("apps", "x"), null));
  }

  @Test
  void missingCredentialsWhenRequiredAnonymousWhenOff() {
    assertInstanceOf(Authenticator.Result.Missing.class, auth.authenticate(null, null));
    assertEquals(Principal.ANONYMOUS, assertInstanceOf(Authenticator.Result.Authenticated.class,
        Authenticator.off().authenticate(null, null)).principal());
    assertTrue(auth.required());
    assertFalse(Authenticator.off().required());
  }

  @Test
  void unknownSchemeIsInvalid() {
    assertInstanceOf(Authenticator.Result.Invalid.class, auth.authenticate("Digest abc", null));
  }

  @Test
  void credentialsFileIsCheckedAndNeverPrintsSecrets() {
    assertThrows(IllegalArgumentException.class,
        () -> Credentials.of(List.of(new Credentials.Entry("a", "short", null))));
    assertThrows(IllegalArgumentException.class,
        () -> Credentials.of(List.of(new Credentials.Entry("a", null, "plaintext"))));
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> Credentials.of(List.of(
        new Credentials.Entry("a", TOKEN, null), new Credentials.Entry("a", TOKEN + "x", null))));
    assertTrue(dup.getMessage().contains("principals[1].name"), dup.getMessage());
    assertFalse(creds.toString().contains(TOKEN));
    assertFalse(new Credentials.Entry("apps", TOKEN, null).toString().contains(TOKEN));
  }

  @Test
  void passwordHashRoundTrip() {
    String h = PasswordHash.hash("s3cret", 1000);
    assertTrue(PasswordHash.matches("s3cret", h));
    assertFalse(PasswordHash.matches("s3cre", h));
    assertFalse(h.contains("s3cret"));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
