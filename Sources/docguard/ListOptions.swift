import ArgumentParser

/// The list options of `scan` and `screen`: a store to check every read document against, or an explicit
/// `--no-lists`. Neither is refused: a forgotten `--lists` would clear every stolen document in silence.
struct ListOptions: ParsableArguments {
    @Option(name: .long, help: "Check every read document against this list store (SQLite path or postgres:// URL).")
    var lists: String?

    @Flag(
        name: .customLong("no-lists"),
        help: "Run without a list check: every read document is then LIST_UNCHECKED (never clear), and says so.")
    var noLists = false

    func validate() throws {
        if lists != nil && noLists { throw ValidationError("--lists and --no-lists exclude each other") }
        if lists == nil && !noLists {
            throw ValidationError(
                "no list store: name one with --lists STORE, or pass --no-lists to run without a list check "
                    + "(then no result is clear)")
        }
    }
}
