// Placeholder so that the package builds until the PermitStore sources land.
import GRDB
