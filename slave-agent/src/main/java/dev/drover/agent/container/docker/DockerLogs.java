package dev.drover.agent.container.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one container's stdout and stderr and appends each frame to the sandbox file of that name as it arrives.
 * The stream ends by itself when the container exits.
 */
final class DockerLogs extends ResultCallback.Adapter<Frame> {
  private static final Logger LOG = LoggerFactory.getLogger(DockerLogs.class);

  private final String containerId;
  private final OutputStream stdout;
  private final OutputStream stderr;

  DockerLogs(String containerId, Path sandbox) throws IOException {
    this.containerId = containerId;
    this.stdout = open(sandbox.resolve("stdout"));
    this.stderr = open(sandbox.resolve("stderr"));
  }

  @Override
  public void onNext(Frame frame) {
    try {
      OutputStream out = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
      out.write(frame.getPayload());
      out.flush();
    } catch (IOException e) {
      LOG.warn("Cannot write logs of container {} to its sandbox: {}", containerId, e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      stdout.close();
      stderr.close();
    }
  }

  /**
   * The second (Unix time) to resume a container's logs from after a restart: the newest modification time of the
   * sandbox's {@code stdout} and {@code stderr}, rounded down, so nothing printed after them is missed and at most
   * the output of that one second is written twice; 0 (from the start) when neither file exists.
   */
  static int resumeSince(Path sandbox) {
    long newest = 0;
    for (String name : new String[] {"stdout", "stderr"}) {
      try {
        newest = Math.max(newest, Files.getLastModifiedTime(sandbox.resolve(name)).toMillis());
      } catch (IOException missing) {
        // not written yet
      }
    }
    return (int) (newest / 1000);
  }

  private static OutputStream open(Path file) throws IOException {
    return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
