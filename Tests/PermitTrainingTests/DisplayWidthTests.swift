@testable import PermitDeskCLI
import Testing

@testable import PermitTraining

/// wcwidth-style display widths and the aligned table built on them.
@Suite struct DisplayWidthTests {
  @Test func widths() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("张伟") == 4)
    #expect(DisplayWidth.of("Zoë") == 3)
    #expect(DisplayWidth.of("Zoe\u{308}") == 3, "a combining diaeresis takes no column")
    #expect(DisplayWidth.of("ｅｘ") == 4, "fullwidth Latin")
    #expect(DisplayWidth.of("한국") == 4)
    #expect(DisplayWidth.of("😀") == 2)
    #expect(DisplayWidth.of("a\u{200B}b") == 2, "zero-width space")
    #expect(DisplayWidth.pad("张", to: 4) == "张  ")
    #expect(DisplayWidth.pad("7", to: 3, right: true) == "  7")
  }

  @Test func tableAlignsByDisplayWidthWithoutTrailingSpaces() {
    let t = TextTable(header: ["name", "n"], rows: [["张伟", "1"], ["Zoë", "22"], ["tab\there", ""]], rightAligned: [1])
    let lines = t.lines
    // "tab\there" (9 columns once the tab is shown as \t) sets the first column's width.
    #expect(lines == ["name        n", "---------  --", "张伟        1", "Zoë        22", "tab\\there"])
    #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
  }
}
