import PermitCore
import Testing

@Suite struct GradingTests {
  @Test func rightAnswerIsRight() {
    let g = Grading.grade(Answer(outcome: .supplement, defects: ["stale:criminal-record", "missing:degree"]),
                          against: Answer(outcome: .supplement, defects: ["missing:degree", "stale:criminal-record"]))
    #expect(g.isRight)
    #expect(g.explanation == nil)
    #expect(g.found == ["missing:degree", "stale:criminal-record"])
  }

  @Test func missedAndInventedAreListed() {
    let g = Grading.grade(Answer(outcome: .supplement, defects: ["missing:degree", "unsigned:contract"]),
                          against: Answer(outcome: .supplement, defects: ["missing:degree", "stale:criminal-record"]))
    #expect(!g.isRight)
    #expect(g.missed == ["stale:criminal-record"])
    #expect(g.invented == ["unsigned:contract"])
    #expect(g.explanation == "missing stale:criminal-record; not defects: unsigned:contract")
  }

  @Test func wrongOutcomeComesFirst() {
    let g = Grading.grade(Answer(outcome: .accept, defects: []), against: Answer(outcome: .supplement, defects: ["missing:degree"]))
    #expect(!g.outcomeRight)
    #expect(g.explanation == "the outcome should be supplement, not accept")
  }

  @Test func referralIsComparedInNormalForm() {
    let want = Answer(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "haidian")
    #expect(Grading.grade(Answer(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: " Haidian "), against: want).isRight)
    let wrong = Grading.grade(Answer(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "shunyi"), against: want)
    #expect(wrong.wronglyReferred)
    #expect(wrong.explanation == "refer to haidian")
    let none = Grading.grade(Answer(outcome: .refuse, defects: ["out-of-jurisdiction"]), against: want)
    #expect(none.wronglyReferred)
  }

  @Test func acceptPendingListsThePendingItems() {
    let want = Answer(outcome: .acceptPending, defects: ["missing:degree", "missing:work-experience"])
    let g = Grading.grade(Answer(outcome: .acceptPending, defects: ["missing:degree"]), against: want)
    #expect(g.missed == ["missing:work-experience"])
    #expect(g.explanation == "pending items are missing:degree, missing:work-experience")
  }

  @Test func districtNormalForm() {
    #expect(District.normalised("  Chaoyang\t") == "chaoyang")
    #expect(District.same("HAIDIAN", "haidian"))
    #expect(!District.same("haidian", "shunyi"))
  }
}
