package dev.keel.kernel.defaults.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes the parser's current string or field name into a string vector as UTF-8 without
 * making a {@code String} for it: ASCII text (paths, statistics, partition values) is copied
 * from the parser's characters through a reused buffer; anything else goes through
 * {@code String.getBytes}, which gives the same bytes.
 */
final class Utf8Text {
  private byte[] buf = new byte[256];

  void setString(VarCharVector v, int index, JsonParser p) throws IOException {
    set(v, index, p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), p);
  }

  void setName(VarCharVector v, int index, JsonParser p) throws IOException {
    String name = p.currentName();
    int length = name.length();
    if (buf.length < length) {
      buf = new byte[Math.max(length, buf.length * 2)];
    }
    for (int k = 0; k < length; k++) {
      char c = name.charAt(k);
      if (c >= 0x80) {
        v.setSafe(index, name.getBytes(StandardCharsets.UTF_8));
        return;
      }
      buf[k] = (byte) c;
    }
    v.setSafe(index, buf, 0, length);
  }

  private void set(VarCharVector v, int index, char[] chars, int offset, int length, JsonParser p) throws IOException {
    if (buf.length < length) {
      buf = new byte[Math.max(length, buf.length * 2)];
    }
    for (int k = 0; k < length; k++) {
      char c = chars[offset + k];
      if (c >= 0x80) {
        v.setSafe(index, p.getText().getBytes(StandardCharsets.UTF_8));
        return;
      }
      buf[k] = (byte) c;
    }
    v.setSafe(index, buf, 0, length);
  }
}
