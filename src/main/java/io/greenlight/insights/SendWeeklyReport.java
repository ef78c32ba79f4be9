package io.greenlight.insights;

import io.greenlight.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${sendWeeklyReport}}: e-mails the dashboard of the seven days before today (Monday's run: the previous
 * Monday to Sunday) to every subscriber. Sets {@code reportFrom}, {@code reportTo} and {@code reportsSent}.
 */
@Component("sendWeeklyReport")
public class SendWeeklyReport implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(SendWeeklyReport.class);

    private final InsightsDashboard dashboards;
    private final ReportSubscriptions subscriptions;
    private final WeeklyReportMail mail;

    public SendWeeklyReport(InsightsDashboard dashboards, ReportSubscriptions subscriptions, WeeklyReportMail mail) {
        this.dashboards = dashboards;
        this.subscriptions = subscriptions;
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InsightsFilter week = InsightsFilter.weekBefore(EngineClock.now().toLocalDate());
        InsightsDashboard.Dashboard dashboard = dashboards.build(week);
        int sent = mail.send(dashboard, subscriptions.subscribers());
        execution.setVariable("reportFrom", week.from().toString());
        execution.setVariable("reportTo", week.to().toString());
        execution.setVariable("reportsSent", sent);
        LOG.info("Weekly insights report {}: sent to {} subscriber(s)", week.label(), sent);
    }
}
