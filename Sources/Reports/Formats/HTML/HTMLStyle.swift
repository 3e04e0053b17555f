/// The report's one stylesheet: system fonts only (nothing to fetch),
/// fluid to a narrow window without horizontal scrolling, and a print
/// layout for A4 or Letter (margins, no page break inside a row or chart).
enum HTMLStyle {
    static let css = """
        :root { --ink: #1c2430; --muted: #5a6473; --rule: #dde1e7; --pass: #d0682b; --declared: #2f6aad; --panel: \
        #f5f7fa; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", \
        Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 48px; }
        h1, h2 { line-height: 1.2; }
        h2 { font-size: 21px; margin: 40px 0 8px; padding-top: 12px; border-top: 2px solid var(--ink); }
        p { margin: 0 0 10px; }
        .lead { color: var(--muted); max-width: 54em; }
        .eyebrow { margin: 0 0 6px; font-size: 13px; font-weight: 600; letter-spacing: 0.08em; text-transform: \
        uppercase; color: var(--muted); }
        .headline h1 { margin: 0 0 18px; font-size: 22px; font-weight: 400; max-width: 44em; }
        .figure { display: block; font-size: clamp(40px, 6.4vw, 68px); font-weight: 750; letter-spacing: -0.02em; \
        line-height: 1.05; margin-bottom: 6px; }
        .headline .compare { margin: -8px 0 18px; font-size: 18px; font-weight: 600; max-width: 44em; }
        .parts { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 14px; margin: 0 0 \
        18px; }
        .part { background: var(--panel); border-left: 6px solid var(--pass); padding: 10px 14px; }
        .part.declared { border-left-color: var(--declared); }
        .part p { margin: 0; }
        .part-name { font-size: 13px; font-weight: 600; color: var(--muted); }
        .part-value { font-size: 30px; font-weight: 700; line-height: 1.2; }
        .part-phrase { color: var(--muted); }
        .swatch { display: inline-block; width: 11px; height: 11px; margin: 0 6px 0 0; vertical-align: baseline; \
        background: var(--pass); }
        .swatch.declared { background: var(--declared); }
        .legend .swatch { margin-left: 2px; }
        .legend .swatch.declared { margin-left: 16px; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 12px; }
        caption { text-align: left; font-weight: 600; padding: 0 0 4px; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); \
        overflow-wrap: anywhere; }
        thead th { font-size: 13px; color: var(--muted); font-weight: 600; border-bottom: 1.5px solid var(--ink); \
        vertical-align: bottom; }
        thead th.number { white-space: normal; overflow-wrap: normal; }
        tbody th { font-weight: 500; }
        .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
        table.flows { table-layout: fixed; font-size: 14px; }
        table.flows th, table.flows td { padding: 5px 6px; }
        table.partners { max-width: 760px; }
        .context { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 14px 0 0; padding: 10px 0 0; border-top: 1px \
        solid var(--rule); }
        .context div { min-width: 0; }
        .context dt { font-size: 12px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: \
        var(--muted); }
        .context dd { margin: 0; font-weight: 600; }
        .terms { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 10px 28px; margin: \
        0; }
        .terms dt { font-weight: 650; }
        .terms dd { margin: 0; color: var(--muted); }
        .tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; \
        white-space: nowrap; color: #fff; background: var(--pass); }
        .tag.declared { background: var(--declared); }
        figure { margin: 10px 0 22px; }
        figcaption { font-weight: 600; margin: 0 0 6px; }
        svg.chart { display: block; width: 100%; max-width: 880px; height: auto; }
        svg text { font-size: 13px; fill: var(--ink); font-family: inherit; }
        svg rect.pass { fill: var(--pass); }
        svg rect.declared { fill: var(--declared); }
        svg polyline.series { fill: none; stroke-width: 2; }
        svg line.axis { stroke: var(--rule); stroke-width: 1.5; }
        svg text.tick { text-anchor: end; fill: var(--muted); }
        svg text.period { text-anchor: middle; fill: var(--muted); }
        table.facts { max-width: 760px; }
        table.facts .sub th { padding-left: 28px; font-weight: 400; color: var(--muted); }
        code { font-size: 12px; color: var(--muted); }
        footer { margin-top: 36px; font-size: 13px; color: var(--muted); }
        @media (max-width: 900px) { main { padding: 20px 20px 40px; } }
        @page { margin: 14mm 12mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          .figure { font-size: 36pt; }
          .part-value { font-size: 18pt; }
          table.flows { font-size: 9.5pt; }
          h2 { break-after: avoid; page-break-after: avoid; margin-top: 18pt; }
          caption, figcaption { break-after: avoid; }
          tr, figure, .part, .terms div { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
        }

        """
}
