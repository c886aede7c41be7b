import Foundation
import PermitTraining
import PermitLocalization

/// The HTML report: one self-contained page (no script, no network), readable without hovering and
/// with a screen reader. One chart per scenario (axes, a 0-100 scale, the pass-mark line, every value
/// written on its bar, pass/fail by pattern and word as well as colour), then the report's table.
enum ReportHTML {
  /// What the page says about itself in its header.
  struct Header {
    var filter: String
    var view: String
    var generated: String
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
      .replacingOccurrences(of: "\"", with: "&quot;")
  }

  // Colours: both bars reach ≥ 3:1 against the white page (passed #1d4f91 8.3:1, failed #a4262c 7.0:1);
  // failed bars are also hatched, and every bar carries the word "pass" or "fail".
  static let style = """
    :root{color:#1a1a1a;background:#fff;font-family:system-ui,sans-serif;line-height:1.4}
    body{margin:0}header,main,footer{padding:0 1rem}main{max-width:100%}
    h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
    .meta{margin:.2rem 0}.meta b{display:inline-block;min-width:7rem}
    figure{margin:1rem 0 2rem}figcaption{font-weight:600;margin-bottom:.4rem}
    svg{max-width:100%;height:auto;display:block}
    .legend{display:flex;gap:1.5rem;flex-wrap:wrap;margin:.3rem 0}.legend span{display:inline-flex;align-items:center;gap:.4rem}
    .table-wrap{max-width:100%;overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:.8rem}
    caption{text-align:left;font-weight:600;padding:.3rem 0}
    th,td{border:1px solid #767676;padding:.15rem .25rem;vertical-align:top;overflow-wrap:break-word}
    thead th{background:#e8eef6;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
    .pass{color:#1d4f91;font-weight:600}.fail{color:#a4262c;font-weight:600}
    @media (max-width:900px){table{font-size:.75rem}}
    """

  static func page(header: Header, charts: [String: [AttemptFacts]], tables: [ReportTable]) -> String {
    // The page's language is the session's (zh-Hans for a Chinese session): screen readers and
    // fonts follow it.
    var h = "<!doctype html>\n<html lang=\"\(Language.current.rawValue)\"><head><meta charset=\"utf-8\">"
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    h += "<title>\(escape(L10n.t("report.html.title")))</title><style>\(style)</style></head><body>\n"
    h += "<header><h1>\(escape(L10n.t("report.html.h1")))</h1>"
    h += "<p class=\"meta\"><b>\(escape(L10n.t("report.html.filter")))</b> \(escape(header.filter))</p>"
    h += "<p class=\"meta\"><b>\(escape(L10n.t("report.html.view")))</b> \(escape(header.view))</p>"
    h += "<p class=\"meta\"><b>\(escape(L10n.t("report.html.generated")))</b> <time datetime=\"\(escape(header.generated))\">\(escape(header.generated))</time></p>"
    h += "<p class=\"meta\">\(escape(L10n.t("report.html.sandbox")))</p></header>\n<main>\n"
    h += "<h2 id=\"charts\">\(escape(L10n.t("report.html.charts")))</h2>\n"
    h += legend()
    if charts.isEmpty { h += "<p>\(escape(L10n.t("report.html.no-charts")))</p>\n" }
    for (i, id) in charts.keys.sorted().enumerated() { h += chart(index: i, scenario: id, attempts: charts[id]!) }
    for (i, t) in tables.enumerated() { h += table(t, id: "table-\(i)") }
    h += "</main>\n<footer><p>\(L10n.t("report.html.footer"))</p></footer>\n</body></html>\n"
    return h
  }

  static func legend() -> String {
    "<div class=\"legend\" aria-hidden=\"true\">"
      + "<span><svg width=\"18\" height=\"18\"><rect width=\"18\" height=\"18\" fill=\"#1d4f91\"/></svg>\(escape(L10n.t("report.html.legend.passed")))</span>"
      + "<span><svg width=\"18\" height=\"18\"><defs>\(hatch("legend-hatch"))</defs><rect width=\"18\" height=\"18\" fill=\"url(#legend-hatch)\" stroke=\"#a4262c\" stroke-width=\"2\"/></svg>\(escape(L10n.t("report.html.legend.failed")))</span>"
      + "<span><svg width=\"28\" height=\"18\"><line x1=\"0\" y1=\"9\" x2=\"28\" y2=\"9\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/></svg>\(escape(L10n.t("report.html.legend.mark")))</span></div>\n"
  }

  static func hatch(_ id: String) -> String {
    "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      + "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"#a4262c\"/></pattern>"
  }

  /// A bar chart of one scenario: x = attempts in order (number and trainee), y = overall 0–100.
  static func chart(index: Int, scenario: String, attempts: [AttemptFacts]) -> String {
    let marks = attempts.compactMap(\.passMark)
    let mark = Dictionary(grouping: marks, by: { $0 }).max { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }?.key
    let left = 48.0
    let top = 24.0
    let plotH = 200.0
    let slot = 64.0
    let plotRight = left + Double(max(4, attempts.count)) * slot
    let width = plotRight + 96
    let height = top + plotH + 56
    func y(_ v: Double) -> Double { top + plotH - v / 100 * plotH }
    let captionID = "chart-\(index)-title"
    let passedN = attempts.filter { $0.record.passed == true }.count
    let caption = L10n.t(attempts.count == 1 ? "report.html.caption.one" : "report.html.caption.many", scenario, attempts.count, passedN)
      + (mark.map { L10n.t("report.html.caption.mark", $0) } ?? "")
    var s = "<figure aria-labelledby=\"\(captionID)\"><figcaption id=\"\(captionID)\">\(escape(caption))"
    s += "</figcaption>\n"
    let summary = attempts.map {
      L10n.t("report.html.bar", $0.record.id, $0.name, $0.record.overall ?? 0, L10n.t($0.record.passed == true ? "report.html.passed" : "report.html.failed"))
    }.joined(separator: L10n.t("report.html.bar-sep"))
    s += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escape(L10n.t("report.html.scores", scenario, summary)))\">"
    s += "<defs>\(hatch("hatch-\(index)"))</defs>"
    // Y axis with a 0–100 scale every 20 points and light grid lines.
    for v in stride(from: 0.0, through: 100.0, by: 20.0) {
      s += "<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(plotRight)\" y2=\"\(y(v))\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>"
      s += "<text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">\(Int(v))</text>"
    }
    s += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(y(0))\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"/>"
    s += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(plotRight)\" y2=\"\(y(0))\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"/>"
    s += "<text x=\"12\" y=\"\(top + plotH / 2)\" transform=\"rotate(-90 12 \(top + plotH / 2))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">\(escape(L10n.t("report.html.axis.y")))</text>"
    for (i, f) in attempts.enumerated() {
      let v = Double(f.record.overall ?? 0)
      let x = left + Double(i) * slot + 12
      let passed = f.record.passed == true
      let fill = passed ? "#1d4f91" : "url(#hatch-\(index))"
      s += "<rect x=\"\(x)\" y=\"\(y(v))\" width=\"40\" height=\"\(max(0, y(0) - y(v)))\" fill=\"\(fill)\" stroke=\"\(passed ? "#1d4f91" : "#a4262c")\" stroke-width=\"2\"/>"
      s += "<text x=\"\(x + 20)\" y=\"\(y(v) - 6)\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\" fill=\"#1a1a1a\">\(Int(v))</text>"
      s += "<text x=\"\(x + 20)\" y=\"\(y(0) + 16)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">#\(f.record.id) \(escape(String(f.name.prefix(8))))</text>"
      s += "<text x=\"\(x + 20)\" y=\"\(y(0) + 30)\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" fill=\"\(passed ? "#1d4f91" : "#a4262c")\">\(escape(L10n.t(passed ? "report.html.pass" : "report.html.fail")))</text>"
    }
    if let m = mark {
      s += "<line x1=\"\(left)\" y1=\"\(y(Double(m)))\" x2=\"\(plotRight)\" y2=\"\(y(Double(m)))\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
      s += "<text x=\"\(plotRight + 6)\" y=\"\(y(Double(m)) + 4)\" text-anchor=\"start\" font-size=\"12\" fill=\"#000\">\(escape(L10n.t("report.html.mark", m)))</text>"
    }
    s += "<text x=\"\(left + (plotRight - left) / 2)\" y=\"\(height - 4)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">\(escape(L10n.t("report.html.axis.x")))</text>"
    s += "</svg></figure>\n"
    return s
  }

  /// Escaped text that may wrap after punctuation and inside runs of more than 14 characters without
  /// one, so that a long name or id never widens its column past the page.
  static func breakable(_ s: String) -> String {
    var out = ""
    var run = 0
    for ch in s {
      out += escape(String(ch))
      if ch == " " {
        run = 0
      } else if "-_/.,;:()=@\"".contains(ch) {
        out += "<wbr>"
        run = 0
      } else {
        run += 1
        if run >= 14 {
          out += "<wbr>"
          run = 0
        }
      }
    }
    return out
  }

  /// A data table with caption, header row and column scopes, inside a wrapper that scrolls on
  /// narrow screens instead of widening the page.
  static func table(_ t: ReportTable, id: String) -> String {
    var s = "<h2 id=\"\(id)-heading\">\(escape(t.title))</h2>\n<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"\(id)-heading\" tabindex=\"0\">"
    s += "<table id=\"\(id)\"><caption>\(escape(L10n.t(t.rows.count == 1 ? "report.html.rows.one" : "report.html.rows.many", t.title, t.rows.count)))</caption><thead><tr>"
    // Column names may break after their hyphens (never inside a word), so 19 columns fit 1280 px.
    // English headings are the column names (hyphens breakable); Chinese ones are translated.
    s += t.columns.map { c in
      Language.current == .en
        ? "<th scope=\"col\">\(escape(c.name).replacingOccurrences(of: "-", with: "-<wbr>"))</th>"
        : "<th scope=\"col\">\(escape(L10n.t("report.col." + c.name)))</th>"
    }.joined() + "</tr></thead><tbody>"
    for r in t.rows {
      s += "<tr>"
      for (c, v) in zip(t.columns, r) {
        let numeric = c.type == .integer || c.type == .number
        switch v {
        case .time(let iso):
          // Date and time on two lines so a column of times stays narrow.
          let parts = iso.split(separator: "T", maxSplits: 1).map(String.init)
          s += "<td><time datetime=\"\(escape(iso))\">\(escape(parts[0]))" + (parts.count > 1 ? "<br>\(escape(parts[1]).replacingOccurrences(of: "+", with: "<wbr>+"))" : "") + "</time></td>"
        case .bool(let b): s += "<td class=\"\(b ? "pass" : "fail")\">\(escape(L10n.t(b ? "report.yes" : "report.no")))</td>"
        default: s += numeric ? "<td class=\"num\">\(escape(v.text))</td>" : "<td>\(breakable(v.text))</td>"
        }
      }
      s += "</tr>\n"
    }
    if t.rows.isEmpty { s += "<tr><td colspan=\"\(t.columns.count)\">\(escape(L10n.t("report.no-rows")))</td></tr>" }
    return s + "</tbody></table></div>\n"
  }
}
