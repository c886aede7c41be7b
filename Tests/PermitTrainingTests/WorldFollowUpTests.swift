import Foundation
import PermitContent
import PermitCore
@testable import PermitTraining
import Testing

/// The simulated world arranges what the core's transitions set in motion (``FollowUp``): a file
/// left alone is deemed accepted at the first second after its deadline day, and the Center then
/// reviews and decides at the times the core gave.
@Suite struct WorldFollowUpTests {
  static func session() -> Session {
    let s = RuntimeFixture.scenario(post: .a)
    return Session(
      scenario: s, applicants: s.applicants, policy: RuntimeFixture.pilot, packs: { _ in RuntimeFixture.pilot }, trainee: "ada",
      mode: .practice)
  }

  @Test func aFileLeftAloneLapsesAfterItsDeadlineDayAndGoesToTheCenter() throws {
    var s = Self.session()
    // T001 arrived Mon 3 Jul 2017 at 09:10: deadline Mon 10 Jul.
    _ = s.apply(.advance(.to(RuntimeFixture.at("2017-07-03T10:00+08:00"))))
    let received = try #require(s.cases["T001"])
    let (_, next) = CaseFile.receive(ticket: "T001", packet: received.rounds[0].packet, policy: RuntimeFixture.pilot, receivedBy: "window-intake")
    guard case .acceptanceDecision(let deadline, let deemedAt) = next.last else {
      Issue.record("no acceptance deadline in \(next)")
      return
    }
    #expect(deadline == CivilDate(iso: "2017-07-10"))
    #expect(s.nextDeemedTime() == deemedAt)
    _ = s.apply(.advance(.to(deemedAt.adding(seconds: -60))))
    #expect(s.cases["T001"]?.state == .received)
    _ = s.apply(.advance(.to(deemedAt)))
    let c = try #require(s.cases["T001"])
    #expect(c.state == .centerPreliminaryReview && c.deemedAccepted)
    #expect(c.history.last?.event == .deemAccepted && c.history.last?.at == deemedAt)
    // The Center: the next working day at 10:00, the decision two working days later at 11:00
    // (the Center's own limit, 10 working days from receipt, is Mon 17 Jul).
    _ = s.apply(.advance(.to(RuntimeFixture.at("2017-07-17T12:00+08:00"))))
    let done = try #require(s.cases["T001"])
    let review = try #require(done.history.first { $0.event == .centerReview })
    let decided = try #require(done.history.first { $0.event == .centerDecide })
    #expect(review.at == RuntimeFixture.at("2017-07-12T10:00+08:00"))
    #expect(decided.at == RuntimeFixture.at("2017-07-14T11:00+08:00"))
    #expect(done.state == .filed && done.history.last?.actor == .center)
  }
}
