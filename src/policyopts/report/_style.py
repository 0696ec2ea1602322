"""The stylesheet of the HTML brief: print-friendly, readable on a projector."""

CSS = """
:root { --ink: #1d2733; --muted: #5b6673; --rule: #d5dbe1; --accent: #1f4e79;
        --good: #e8f3ea; --warn: #fff4e0; --paper: #ffffff; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--band); color: var(--ink);
       font: 16px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 980px; margin: 0 auto; background: var(--paper); padding: 48px 64px 32px;
       box-shadow: 0 0 0 1px var(--rule); }
header.brief { border-bottom: 3px solid var(--accent); margin-bottom: 28px;
       padding-bottom: 12px; }
header.brief .kicker { font: 600 12px/1.2 "Helvetica Neue", Arial, sans-serif;
       letter-spacing: .12em;
       text-transform: uppercase; color: var(--accent); }
h1 { font-size: 30px; line-height: 1.2; margin: 8px 0 6px; }
h2 { font-size: 22px; margin: 40px 0 10px; padding-top: 8px; border-top: 1px solid var(--rule);
     color: var(--accent); }
h3 { font-size: 17px; margin: 22px 0 6px; }
p.question { font-size: 19px; font-style: italic; margin: 4px 0 8px; }
p.meta, .caption, figcaption, .footer { font: 13px/1.45 "Helvetica Neue", Arial, sans-serif;
       color: var(--muted); }
.bottom-line { background: var(--good); border-left: 5px solid #2e7d32; padding: 14px 20px;
       margin: 18px 0 8px; }
.bottom-line h2 { border: 0; margin: 0 0 6px; padding: 0; color: #1b5e20; font-size: 19px; }
.bottom-line ul { margin: 6px 0; padding-left: 20px; }
.bottom-line p.lead { margin: 4px 0 8px; font-size: 17px; }
h2.appendices { font-size: 26px; margin-top: 56px; border-top: 3px solid var(--accent); }
section.appendix h2 { font-size: 19px; }
dl.glossary dt { font-weight: 700; margin-top: 8px; }
dl.glossary dd { margin: 2px 0 0 0; }
.caution { background: var(--warn); border-left: 5px solid #ef6c00; padding: 10px 16px;
       margin: 12px 0; }
table.policyopts-table { border-collapse: collapse; width: 100%; margin: 10px 0 6px;
       font: 13.5px/1.35 "Helvetica Neue", Arial, sans-serif; }
table.policyopts-table caption { caption-side: bottom; text-align: left; padding-top: 6px;
       font-size: 12px; color: var(--muted); }
table.policyopts-table th { background: #eef2f6; text-align: left; padding: 6px 8px;
       border-bottom: 2px solid var(--rule); vertical-align: bottom; }
table.policyopts-table td { padding: 5px 8px; border-bottom: 1px solid var(--rule);
       vertical-align: top; }
table.policyopts-table tr.top td { background: #eaf4ea; font-weight: 600; }
table.wide { font-size: 12px; }
div.wide { overflow-x: auto; }
div.wide table.policyopts-table { font-size: 12.5px; }
figure { margin: 14px 0 18px; }
figure svg.chart { width: 100%; height: auto; display: block; margin: 0 auto; }
dl.options dt { font-weight: 700; margin-top: 12px; }
dl.options dd { margin: 2px 0 0 0; }
dl.options ul { margin: 4px 0; padding-left: 20px; }
details { margin: 8px 0; }
details summary { cursor: pointer; font: 600 14px/1.4 "Helvetica Neue", Arial, sans-serif;
       color: var(--accent); }
.evidence li { margin-bottom: 6px; }
.tag { display: inline-block; font: 11px/1.6 "Helvetica Neue", Arial, sans-serif; padding: 0 6px;
       border-radius: 3px; background: #eef2f6; color: var(--muted); margin-left: 4px; }
.footer { margin-top: 40px; border-top: 1px solid var(--rule); padding-top: 12px; }
.footer code { font-size: 12px; }
@media print { body { background: #fff; } main { box-shadow: none; padding: 0; }
       h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
"""
