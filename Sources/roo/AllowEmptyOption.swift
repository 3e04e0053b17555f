import ArgumentParser

/// `--allow-empty` of summarize and merge: one declaration, one meaning.
struct AllowEmptyOption: ParsableArguments {
    @Flag(help: "Write the tables even when no line was aggregated (otherwise exit 65 saying why).")
    var allowEmpty = false
}
