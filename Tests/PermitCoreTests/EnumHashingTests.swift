import Testing

@testable import PermitCore

/// The domain enums compare and hash by their one-byte case tag (EnumHashing.swift); this checks the
/// layout assumption and that equality and hashing still follow the case.
@Suite struct EnumHashingTests {
  @Test func enumsAreOneByteTags() {
    #expect(MemoryLayout<MaterialKind>.size == 1)
    #expect(MemoryLayout<RuleID>.size == 1)
    #expect(MemoryLayout<ApplicationType>.size == 1)
    #expect(MemoryLayout<Authentication>.size == 1)
    #expect(MemoryLayout<Education>.size == 1)
    #expect(MemoryLayout<PermitCore.Category>.size == 1)
  }

  @Test func equalityAndHashingFollowTheCase() {
    let kinds = MaterialKind.allCases
    #expect(Set(kinds).count == kinds.count)
    for (i, a) in kinds.enumerated() {
      for (j, b) in kinds.enumerated() { #expect((a == b) == (i == j)) }
      #expect(MaterialKind(rawValue: a.rawValue) == a)
    }
    #expect(Set(RuleID.allCases).count == RuleID.allCases.count)
    #expect(RuleID.allCases.count <= 64)  // RuleMask is a UInt64
  }

  @Test func ruleMaskSortsByID() {
    var m = RuleMask([.workingDays, .jurisdiction, .acceptPending])
    m.insert(.consistency)
    #expect(m.sorted == [.acceptPending, .consistency, .jurisdiction, .workingDays])
    #expect(m.contains(.jurisdiction) && !m.contains(.apostille))
  }
}
