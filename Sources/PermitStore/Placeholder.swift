// Placeholder so that the PermitStore target (declared in Package.swift) has a source file and the
// package builds; the persistence layer itself is another issue.
import PermitCore
