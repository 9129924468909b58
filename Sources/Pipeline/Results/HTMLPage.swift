import Plumbing

/// The frame of docguard's HTML pages (the report, and the central view's pages): one self-contained document with
/// its style sheet inline and nothing loaded from elsewhere.
public enum HTMLPage {
    /// The page up to and including `<body>`: the title escaped, the house style sheet and `extraStyle` inline.
    public static func head(title: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escaped(title))</title>
        <style>\(style)\(extraStyle)</style>
        </head>
        <body>

        """
    }

    /// The house style sheet, inline so the page is one file an officer can mail or open offline; large type and one column on a phone.
    public static let style = """
        :root{--alert:#b00020;--review:#b35c00;--clear:#1b6e20;--ink:#1a1a1a;--muted:#5f6368;--line:#dadce0}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
        h1{font-size:1.5rem;margin:.2rem 0}
        h2{font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
        h3{font-size:1rem;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}
        .meta,.none{color:var(--muted)}
        .tiles{display:grid;grid-template-columns:repeat(3,1fr);gap:.6rem;margin-top:1rem}
        .tile{border-radius:.6rem;padding:.8rem;color:#fff;text-align:center}
        .tile .count{display:block;font-size:2rem;font-weight:700;line-height:1.1}
        .tile .label{text-transform:uppercase;letter-spacing:.06em;font-size:.85rem}
        .tile.alert,.badge.alert{background:var(--alert)}
        .tile.review,.badge.review{background:var(--review)}
        .tile.clear,.badge.clear{background:var(--clear)}
        table.reasons{border-collapse:collapse;width:100%}
        table.reasons th,table.reasons td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
        table.reasons td:last-child,table.reasons th:last-child{text-align:right}
        .card{border:1px solid var(--line);border-left:.4rem solid var(--review);border-radius:.5rem;padding:.8rem;margin:.7rem 0}
        .card.alert{border-left-color:var(--alert)}
        .badge{color:#fff;border-radius:.3rem;padding:.05rem .45rem;text-transform:uppercase;font-size:.8rem;font-weight:700;letter-spacing:.05em}
        .score{font-weight:700}
        .source{overflow-wrap:anywhere;color:var(--muted)}
        .why{margin:.3rem 0 .6rem;padding-left:1.1rem}
        .why li{margin:.25rem 0}
        .points{color:var(--muted);font-variant-numeric:tabular-nums}
        code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:.9em;background:#f1f3f4;border-radius:.2rem;padding:0 .2rem}
        .facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.2rem .8rem;margin:.4rem 0}
        .facts div{display:flex;gap:.4rem}
        .facts div.wide{grid-column:1/-1}
        .facts dt{color:var(--muted);min-width:5.5rem}
        .facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
        .mrz{font-family:"OCR-B","OCR B",ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem;background:#f8f9fa;border:1px solid var(--line);border-radius:.3rem;padding:.5rem;overflow-x:auto;margin:.4rem 0 0}
        .problem{color:var(--alert)}
        figure.pictures{margin:.5rem 0 0;display:flex;flex-direction:column;gap:.3rem}
        figure.pictures img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:.3rem}
        table.viz{border-collapse:collapse;width:100%;margin:.5rem 0 0;font-size:.9rem}
        table.viz caption{text-align:left;color:var(--muted);padding-bottom:.2rem}
        table.viz th,table.viz td{text-align:left;padding:.2rem .4rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
        table.viz tr.differs td{color:var(--alert);font-weight:700}
        table.viz tr.unread td{color:var(--muted)}
        .cleared{columns:2 16rem;padding-left:1.1rem}
        summary{cursor:pointer;color:var(--muted)}
        @media (max-width:30rem){body{padding:.6rem}.tile .count{font-size:1.6rem}.mrz{font-size:clamp(.5rem,2.6vw,.8rem);padding:.4rem}}
        """
}
