/// What is loaded in a store: the list's version, when it was imported, how many records.
public struct ListInfo: Sendable, Equatable {
    /// The version label given at import (default: the imported files' names).
    public var version: String
    /// When the last import finished, UTC, ISO 8601 (`2026-11-24T18:00:00Z`).
    public var importedAt: String
    /// Records stored (a range counts once).
    public var records: Int
    /// Counts imports; the key filter saved with the list carries the generation it was built from.
    public var generation: Int
    /// The id of the central list this copy was synced from (`ListSync`); nil for a list imported into this
    /// store. A local import drops it, so the next sync knows the copy no longer follows the central list.
    public var source: String?

    /// Info with every field given.
    public init(version: String, importedAt: String, records: Int, generation: Int, source: String? = nil) {
        self.version = version
        self.importedAt = importedAt
        self.records = records
        self.generation = generation
        self.source = source
    }

    /// The info as the key–value rows both stores keep it in (`list_info`).
    var keyValues: [(key: String, value: String)] {
        [
            ("version", version), ("imported_at", importedAt), ("records", String(records)),
            ("generation", String(generation)),
        ] + (source.map { [("source", $0)] } ?? [])
    }

    /// Info from `list_info` rows; nil when a key is missing or malformed (no list imported yet).
    init?(keyValues values: [String: String]) {
        guard let version = values["version"], let importedAt = values["imported_at"],
            let records = values["records"].flatMap(Int.init),
            let generation = values["generation"].flatMap(Int.init)
        else { return nil }
        self.init(
            version: version, importedAt: importedAt, records: records, generation: generation,
            source: values["source"])
    }
}
