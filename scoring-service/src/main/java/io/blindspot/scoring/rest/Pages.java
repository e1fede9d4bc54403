package io.blindspot.scoring.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML pages, as Qute type-safe templates ({@code src/main/resources/templates/}): each takes one page-view
 * record that has already computed what the page shows (numbers formatted, links built), so the templates only lay
 * it out. Every page is framed by {@code frame.html} (title, style, the 5 s reload while something runs, the figure
 * check); values are HTML-escaped by Qute ({@code <}, {@code >}, {@code &}, {@code "}, {@code '}).
 */
@CheckedTemplate
final class Pages {
    private Pages() {
    }

    /** Every experiment and audit: {@code templates/results.html}. */
    static native TemplateInstance results(ResultsPage page);

    /** One experiment: {@code templates/experiment.html}. */
    static native TemplateInstance experiment(ExperimentPage page);

    /** One audit: {@code templates/audit.html}. */
    static native TemplateInstance audit(AuditPage page);
}
