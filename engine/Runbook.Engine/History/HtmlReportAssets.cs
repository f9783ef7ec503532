namespace Runbook.History;

/// <summary>The HTML report's fixed style, script and legend: inline, so the file needs nothing else.</summary>
internal static class HtmlReportAssets
{
    public const string Css = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1f2328; }
        code, pre { font-family: ui-monospace, monospace; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-bottom: 1px solid #d0d7de; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
        dl.facts dt { color: #59636e; } dl.facts dd { margin: 0; font-family: ui-monospace, monospace; }
        .outcome, .status { padding: 1px 6px; border-radius: 8px; font-size: .85em; background: #eaeef2; }
        .o-succeeded, .status.st-ok { background: #dafbe1; color: #1a7f37; }
        .o-step-failed, .o-gate-failed, .o-unreachable, .o-preflight-failed,
        .status.st-failed, .status.st-unreachable, .status.st-timed-out { background: #ffebe9; color: #cf222e; }
        .o-interrupted, .o-unfinished, .o-waiting-for-approval, .o-locked, .status.st-interrupted,
        .status.st-waiting, .status.st-tolerated { background: #fff8c5; color: #9a6700; }
        svg text { font: 12px ui-monospace, monospace; fill: #1f2328; }
        svg .label, svg .axis { fill: #59636e; font-size: 11px; }
        .band0 { fill: #f6f8fa; } .band1 { fill: #eef1f4; }
        .boundary { stroke: #8c959f; stroke-dasharray: 3 3; }
        rect.bar { stroke: #fff; stroke-width: .5; cursor: pointer; }
        .bar.st-ok { fill: #2da44e; } .bar.st-failed { fill: #cf222e; } .bar.st-skipped { fill: #afb8c1; }
        .bar.st-unreachable { fill: #8250df; } .bar.st-timed-out { fill: #bc4c00; }
        .bar.st-interrupted, .bar.st-running { fill: #d4a72c; } .bar.st-waiting { fill: #0969da; }
        .marker line { stroke-width: 1.5; } .gate.st-ok line { stroke: #1a7f37; } .gate.st-ok path { fill: #1a7f37; }
        .gate line { stroke: #cf222e; } .gate path { fill: #cf222e; }
        .pause rect { fill: #0969da; }
        .q-healthy { fill: #2da44e; } .q-degraded { fill: #d4a72c; } .q-lost { fill: #cf222e; }
        .legend span { display: inline-block; margin-right: 12px; font-size: .85em; }
        .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; }
        details { margin: 2px 0 2px 1em; } details > summary { cursor: pointer; }
        details.highlight { outline: 2px solid #0969da; }
        pre { background: #f6f8fa; padding: 6px 8px; overflow-x: auto; margin: 4px 0; white-space: pre-wrap; }
        pre .stderr { color: #cf222e; } pre .note { color: #59636e; font-style: italic; }
        .why { color: #cf222e; margin: 2px 0; } .note { color: #59636e; }

        """;

    /// <summary>
    /// A click on a bar or marker opens that step's or gate's details. It marks the page ready, so a test that loads
    /// the page in a browser can tell the script ran.
    /// </summary>
    public const string Script = """
        (function () {
          function open(id) {
            var el = document.getElementById('s-' + id.replace(/[^A-Za-z0-9.-]/g, '_'));
            if (!el) return;
            el.open = true;
            el.classList.add('highlight');
            el.scrollIntoView({ block: 'center' });
          }
          document.querySelectorAll('rect.bar').forEach(function (bar) {
            bar.addEventListener('click', function () { open(bar.getAttribute('data-step')); });
          });
          document.querySelectorAll('g.gate').forEach(function (g) {
            g.addEventListener('click', function () { open(g.getAttribute('data-gate')); });
          });
          document.body.setAttribute('data-ready', String(document.querySelectorAll('rect.bar').length));
        })();

        """;

    public const string Legend = """
        <p class="legend"><span><i style="background:#2da44e"></i>ok</span>
        <span><i style="background:#cf222e"></i>failed</span><span><i style="background:#afb8c1"></i>skipped</span>
        <span><i style="background:#8250df"></i>unreachable</span>
        <span><i style="background:#bc4c00"></i>timed out</span>
        <span><i style="background:#d4a72c"></i>interrupted / running</span>
        <span><i style="background:#0969da"></i>pause</span><span>◆ gate</span>
        <span>dashed line: batch start</span></p>

        """;
}
