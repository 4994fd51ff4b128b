package dev.drover.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs a reachable Docker engine with {@code local/busybox:latest} (made by
 * {@code scripts/docker-setup.sh}). Skipped when there is none, unless {@code DROVER_REQUIRE_DOCKER=1}: then it
 * fails, so CI cannot pass without having run the Docker tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {}
