/// The district window's monthly report to the municipal Center, aggregated from its cases.
public struct MonthlyReport: Hashable, Sendable {
  /// Year of the month reported.
  public var year: Int
  /// Month reported (1–12).
  public var month: Int
  /// Date the report is due at the Center.
  public var due: CivilDate
  /// Submissions received in the month (first submissions and corrections).
  public var received = 0
  /// Notices issued in the month, by outcome.
  public var notices: [Outcome: Int] = [:]
  /// Notices issued within the acceptance time limit.
  public var noticesOnTime = 0
  /// Cases accepted by law in the month because no notice came in time.
  public var deemedAccepted = 0
  /// Compliance breaches (late change or cancellation) on cases accepted in the month.
  public var complianceBreaches: [String: Int] = [:]
  /// Center decisions in the month: approvals.
  public var approved = 0
  /// Center decisions in the month: refusals.
  public var centerRefused = 0
  /// Cases at the Center at the end of the month.
  public var atCenterAtMonthEnd = 0
  /// Cases filed in the month.
  public var filed = 0

  /// Aggregates the report for a month from the cases' histories; nil when the month is not one
  /// of a calendar year 1–9998 (a date the calendar cannot hold, such as year 10000).
  public static func make(year: Int, month: Int, cases: [CaseFile], policy: PolicyPack) -> MonthlyReport? {
    guard let first = CivilDate(year: year, month: month, day: 1),
      let next = CivilDate(year: month == 12 ? year + 1 : year, month: month % 12 + 1, day: 1)
    else { return nil }
    let last = next.adding(days: -1)
    let due = policy.calendar.addingWorkingDays(policy.timeLimits.reportDueWorkingDays, to: last)
    var r = MonthlyReport(year: year, month: month, due: due)
    let off = policy.utcOffsetSeconds
    func inMonth(_ t: Timestamp) -> Bool {
      let d = t.date(atOffset: off)
      return d >= first && d <= last
    }
    for c in cases {
      var stateAtEnd: CaseState?
      for t in c.history {
        if t.at.date(atOffset: off) <= last { stateAtEnd = t.to }
        guard inMonth(t.at) else { continue }
        switch t.event {
        case .receive, .resubmit: r.received += 1
        case .deemAccepted:
          r.deemedAccepted += 1
          for f in c.compliance { r.complianceBreaches[f.defect.code, default: 0] += 1 }
        case .centerDecide: if t.to == .approved { r.approved += 1 } else { r.centerRefused += 1 }
        case .file: r.filed += 1
        default: break
        }
      }
      for n in c.notices where inMonth(n.issuedAt) {
        r.notices[n.outcome, default: 0] += 1
        if n.onTime { r.noticesOnTime += 1 }
        if n.outcome.isAcceptance {
          for f in c.compliance { r.complianceBreaches[f.defect.code, default: 0] += 1 }
        }
      }
      if stateAtEnd?.atCenter == true { r.atCenterAtMonthEnd += 1 }
    }
    return r
  }

  private init(year: Int, month: Int, due: CivilDate) {
    self.year = year
    self.month = month
    self.due = due
  }
}
