// Placeholder (branch h1) so that the package builds while Sources/PermitStore has no sources yet.
// Safe to delete once the PermitStore sources are merged.
import GRDB
