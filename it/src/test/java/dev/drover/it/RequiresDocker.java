package dev.drover.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs a reachable Docker engine with {@code local/busybox:latest} (made by
 * {@code scripts/docker-setup.sh}). Skipped when there is none, unless {@code DROVER_REQUIRE_DOCKER=1}: then it
 * fails. The same rule as the agent module's, probed here with the {@code docker} CLI.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerCondition.class)
@interface RequiresDocker {}
