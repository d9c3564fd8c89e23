package dev.keel.kernel.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLogFiles {
  private static List<FileStatus> files(long... sizes) {
    List<FileStatus> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      out.add(FileStatus.of(String.format("/t/_delta_log/%020d.json", i), sizes[i], 0));
    }
    return out;
  }

  @Test
  void smallCommitsAreGroupedInOrderByCountAndBytes() {
    long[] sizes = new long[150];
    java.util.Arrays.fill(sizes, 600);
    List<List<FileStatus>> groups = LogFiles.groups(files(sizes));
    assertThat(groups).extracting(List::size).containsExactly(64, 64, 22);
    List<FileStatus> flat = new ArrayList<>();
    groups.forEach(flat::addAll);
    assertThat(flat).isEqualTo(files(sizes));
  }

  @Test
  void largeCommitsGetGroupsOfTheirOwn() {
    List<List<FileStatus>> groups =
        LogFiles.groups(files(100, 15_000_000, 200, 300, 900_000, 200_000, 5));
    assertThat(groups).extracting(List::size).containsExactly(1, 1, 3, 2);
  }
}
