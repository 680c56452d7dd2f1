/// The report's inline style sheet: plain, printable, no fonts or images fetched from anywhere.
enum ReportStyle {
    static let css = """
        body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 980px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
        h1 { font-size: 1.7em; border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; }
        h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: 0.15em; }
        h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
        nav ol { columns: 2; }
        table { border-collapse: collapse; margin: 0.4em 0 0.2em; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.2em 0.55em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #EEF3F8; }
        p.note { font-size: 0.85em; color: #555; margin-top: 0.2em; }
        figure { margin: 1em 0; }
        figcaption { font-size: 0.85em; color: #555; max-width: 720px; }
        figure svg { max-width: 100%; height: auto; }
        pre { background: #F5F5F5; border: 1px solid #ddd; padding: 0.6em; overflow-x: auto; font-size: 0.8em; }
        details summary { cursor: pointer; color: #0072B2; font-size: 0.9em; }
        footer { margin-top: 3em; font-size: 0.8em; color: #666; }
        """
}
