import Customs

/// The workbook's time series: an `over_time` sheet of the period series
/// (`PeriodSeries`: per period, the non-regional value through each of the
/// largest bloc partners and its claim share) with two native line charts
/// drawn from its cells, as the HTML report draws them. The charts are
/// DrawingML parts (`xl/drawings`, `xl/charts`) whose series refer to the
/// sheet's ranges and carry their values cached, so a viewer that does not
/// recalculate still draws them.
extension XLSXWorkbook {
    /// A line chart over a sheet's columns: categories in column A, one series per column.
    public struct LineChart: Sendable, Equatable {
        /// One line: its legend text, the column of its values, its color (`rrggbb`).
        public struct Series: Sendable, Equatable {
            public var name: String
            public var column: Int
            public var color: String
        }

        public var title: String
        public var series: [Series]
        /// Rows of the categories and values (1-based, inclusive): the sheet's data rows.
        public var rows: ClosedRange<Int>
        /// The value axis' number format, and its maximum when fixed (1 for a share).
        public var numberFormat: String
        public var maximum: Int?
        /// The cells it covers: from (column, row) to (column, row), 0-based.
        public var anchor: (from: (column: Int, row: Int), to: (column: Int, row: Int))

        public static func == (a: LineChart, b: LineChart) -> Bool {
            a.title == b.title && a.series == b.series && a.rows == b.rows && a.numberFormat == b.numberFormat
                && a.maximum == b.maximum && a.anchor.from == b.anchor.from && a.anchor.to == b.anchor.to
        }
    }

    /// The `over_time` sheet of `series`, nil when it has nothing to draw (one period, no bloc partner).
    ///
    /// Columns: `period`, then per drawn partner its non-regional value (money), then per partner its claim
    /// share (empty where the partner has no customs value); the two charts to the right of the data.
    ///
    /// - Complexity: O(periods × partners).
    static func seriesSheet(_ series: PeriodSeries?) -> Sheet? {
        guard let series, series.isDrawable else { return nil }
        let lines = series.drawnLines
        let named = lines.map { $0.name.isEmpty ? $0.partner : "\($0.name) (\($0.partner))" }
        let header =
            [series.grain.name] + named.map { "\($0): non-regional value, US$" } + named.map { "\($0): claim share" }
        let rows = series.periods.indices.map { period -> [Cell] in
            [.text(series.periods[period])] + lines.map { .money($0.points[period].nonRegionalCents) }
                + lines.map {
                    .share(numerator: $0.points[period].preferenceCents, denominator: $0.points[period].customsCents)
                }
        }
        var sheet = Sheet(name: "over_time", header: header, rows: rows)
        // The headers are long: wrapped on three lines, so the columns need not be that wide.
        sheet.widths = sheet.widths.enumerated().map { $0.offset == 0 ? $0.element : min($0.element, 18) }
        for column in sheet.rows[0].indices { sheet.rows[0][column]?.style = .wrappedHeader }
        sheet.heights[0] = 45
        let dataRows = 2...(series.periods.count + 1)
        let left = header.count + 1
        let chartSeries = { (first: Int) in
            lines.indices.map {
                LineChart.Series(name: named[$0], column: first + $0, color: PeriodSeries.colors[$0].uppercased())
            }
        }
        let grain = series.grain.name
        sheet.charts = [
            LineChart(
                title: "Non-regional value through the bloc, by partner and \(grain) (US$)",
                series: chartSeries(1), rows: dataRows, numberFormat: "#,##0", maximum: nil,
                anchor: ((left, 0), (left + 10, 18))),
            LineChart(
                title: "Claim share (preference ÷ customs value) of goods from each partner, by \(grain)",
                series: chartSeries(1 + lines.count), rows: dataRows, numberFormat: "0%", maximum: 1,
                anchor: ((left, 19), (left + 10, 37))),
        ]
        return sheet
    }

    /// `xl/drawings/drawingN.xml` of a sheet with `count` charts: each in its cells, chart `rIdK` for the K-th.
    static func drawing(_ charts: [LineChart]) -> String {
        var xml =
            declaration
            + "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
        for (index, chart) in charts.enumerated() {
            let marker = { (tag: String, cell: (column: Int, row: Int)) in
                "<xdr:\(tag)><xdr:col>\(cell.column)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>\(cell.row)</xdr:row>"
                    + "<xdr:rowOff>0</xdr:rowOff></xdr:\(tag)>"
            }
            xml +=
                "<xdr:twoCellAnchor editAs=\"oneCell\">" + marker("from", chart.anchor.from)
                + marker("to", chart.anchor.to)
                + "<xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\"\(index + 2)\" "
                + "name=\"Chart \(index + 1)\" descr=\"\(escaped(chart.title))\"/><xdr:cNvGraphicFramePr/>"
                + "</xdr:nvGraphicFramePr><xdr:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm>"
                + "<a:graphic><a:graphicData uri=\"\(chartNamespace)\"><c:chart xmlns:c=\"\(chartNamespace)\" "
                + "xmlns:r=\"\(relationshipNamespace)\" r:id=\"rId\(index + 1)\"/></a:graphicData></a:graphic>"
                + "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
        }
        return xml + "</xdr:wsDr>"
    }

    static let chartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart"

    /// `xl/charts/chartN.xml`: `chart` over `sheet`'s cells, elements in the order the
    /// DrawingML schema requires (`CT_ChartSpace`, `CT_LineSer`, `CT_ValAx`).
    ///
    /// - Complexity: O(series × rows).
    static func chartPart(_ chart: LineChart, on sheet: Sheet) -> String {
        let sheetName = quotedName(sheet)
        let range = { (column: Int) in
            sheetName + "!" + absolute(reference(column: column, row: chart.rows.lowerBound)) + ":"
                + absolute(reference(column: column, row: chart.rows.upperBound))
        }
        let count = chart.rows.count
        var categories = "<c:strCache><c:ptCount val=\"\(count)\"/>"
        for (index, row) in chart.rows.enumerated() {
            let text = sheet.rows[row - 1].first.flatMap { $0 }.map { CellText.plain($0.value) } ?? ""
            categories += "<c:pt idx=\"\(index)\"><c:v>\(escaped(text))</c:v></c:pt>"
        }
        categories += "</c:strCache>"
        var xml =
            declaration + "<c:chartSpace xmlns:c=\"\(chartNamespace)\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"\(relationshipNamespace)\">"
            + "<c:roundedCorners val=\"0\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr>"
            + "<a:defRPr sz=\"1200\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"en-US\" sz=\"1200\" b=\"1\"/>"
            + "<a:t>\(escaped(chart.title))</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
            + "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/><c:lineChart><c:grouping val=\"standard\"/>"
            + "<c:varyColors val=\"0\"/>"
        for (index, series) in chart.series.enumerated() {
            var values = "<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"\(count)\"/>"
            for (point, row) in chart.rows.enumerated() {
                // The cell's own text (exact money, the share the CSV prints); an empty cell is a gap.
                guard series.column < sheet.rows[row - 1].count, let cell = sheet.rows[row - 1][series.column] else {
                    continue
                }
                let text = CellText.plain(cell.value)
                if !text.isEmpty { values += "<c:pt idx=\"\(point)\"><c:v>\(text)</c:v></c:pt>" }
            }
            values += "</c:numCache>"
            let fill = "<a:solidFill><a:srgbClr val=\"\(series.color)\"/></a:solidFill>"
            xml +=
                "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
                + "<c:tx><c:v>\(escaped(series.name))</c:v></c:tx>"
                + "<c:spPr><a:ln w=\"28575\" cap=\"rnd\">\(fill)<a:round/></a:ln></c:spPr>"
                + "<c:marker><c:symbol val=\"circle\"/><c:size val=\"5\"/><c:spPr>\(fill)</c:spPr></c:marker>"
                + "<c:cat><c:strRef><c:f>\(range(0))</c:f>\(categories)</c:strRef></c:cat>"
                + "<c:val><c:numRef><c:f>\(range(series.column))</c:f>\(values)</c:numRef></c:val>"
                + "<c:smooth val=\"0\"/></c:ser>"
        }
        let maximum = chart.maximum.map { "<c:max val=\"\($0)\"/>" } ?? ""
        xml +=
            "<c:marker val=\"1\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:lineChart>"
            + "<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
            + "<c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>"
            + "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"low\"/>"
            + "<c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>"
            + "<c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
            + "<c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/>\(maximum)"
            + "<c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/>"
            + "<c:numFmt formatCode=\"\(escaped(chart.numberFormat))\" sourceLinked=\"0\"/>"
            + "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
            + "<c:crossAx val=\"1001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>"
            + "</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>"
            + "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>"
        return xml
    }

    /// A `Relationships` part of targets of one type, `rId1` … in order.
    static func relationships(type: String, targets: [String]) -> String {
        declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + targets.enumerated().map {
                "<Relationship Id=\"rId\($0.offset + 1)\" Type=\"\(relationshipNamespace)/\(type)\" "
                    + "Target=\"\($0.element)\"/>"
            }.joined() + "</Relationships>"
    }
}
