import ArgumentParser
import Foundation
import PermitContent
import PermitLocalization
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk monitor`: the instructor station outside a training room — every running attempt
  /// of a sandbox database, refreshed in place on a terminal until Enter (Ctrl-C stops the program
  /// as usual), printed once otherwise. The same rows as the room's `monitor` verb (`Station`).
  struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.monitor.abstract"),
      discussion: L10n.t("cli.monitor.discussion"))

    /// How the station is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json
    }

    @OptionGroup var content: ContentOptions
    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Flag(help: helpText("cli.monitor.once"))
    var once = false

    @Option(help: helpText("cli.monitor.format"))
    var format: Format = .table

    @Option(help: helpText("cli.monitor.interval"))
    var interval: Double = 2

    func validate() throws {
      guard interval >= 0.5 && interval <= 3600 else {
        throw ValidationError(L10n.t("cli.monitor.bad-interval"))
      }
    }

    func run() throws {
      let db = try database.openReadOnly()
      let course = Course(library: try content.library)
      try Station.run(
        db: db, course: course, json: format == .json, once: once, interval: interval,
        reopen: { try database.openReadOnly() })
    }
  }
}
