import ArgumentParser
import Customs

/// `--country-codes iso2|iso3|census|m49` of summarize and ingest: the code
/// system of the input's origin and partner columns. One declaration: summarize converts
/// the codes to alpha-2, ingest records the system in the file it writes so
/// that summarize of that file converts them the same way.
struct CountryCodesOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Country codes of origin/partner in the input: iso2|iso3|census (US Census Schedule C)|m49 (UN "
                + "numeric, as Comtrade and BACI write them); summarize "
                + "converts them to alpha-2, ingest records them for summarize (default: iso2, or as --layout / the "
                + "ingested file says).")
    )
    var countryCodes: CountryCodeSystem?
}
