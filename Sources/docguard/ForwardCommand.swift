import ArgumentParser
import Foundation
import Pipeline

/// `docguard forward PIPELINE.yaml`: one round of forwarding, e.g. after a night's batch.
struct ForwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward",
        abstract: "Send the pipeline's results not yet forwarded to the central database; prints one JSON line.",
        discussion: """
            Follows the results file from where the last forward stopped (RESULTS.outbox), sends every complete \
            line the pipeline's forward_levels take, in order, in batches of one transaction each, and reports \
            the post's list and totals (central_post_reports). Each line reaches the centre once, however often \
            this is run or stopped. A watch run with forward: does the same in the background; this command \
            refuses to run beside it. Exit 2 when the centre cannot be reached (the results wait in the outbox).
            """
    )

    @Argument(help: "The pipeline file (YAML) with forward: and post_id:.")
    var pipeline: String

    func run() throws {
        let configuration = try RunConfiguration.load(pipeline)
        guard let forward = configuration.forward, let results = configuration.appendedResults else {
            throw ValidationError("\(pipeline): no forward: key; name the central database there to forward to")
        }
        let forwarder = try ResultForwarder(forward, results: results, lists: configuration.stages.lists)
        forwarder.notResult = { ProgressDisplay.warn("results line \($0) is not a result line; not forwarded") }
        let round = try forwarder.forward(report: true)
        let output = OutputFile()
        output.writeLine(
            JSONValue.object([
                "sent": .int(round.sent), "passed_over": .int(round.passedOver), "waiting": .int(round.waiting),
                "forwarded_through_line": .int(try forwarder.cursor().line),
            ]))
        try output.finish()
    }
}
