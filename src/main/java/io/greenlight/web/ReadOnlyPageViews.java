package io.greenlight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One read transaction per page view. A {@link PageController}'s GET handler that is
 * {@code @Transactional(readOnly = true)} declares that its page only reads; this interceptor widens that transaction
 * from the handler alone to the whole view: the layout's advice (the bell, the user's time zone), the handler and the
 * rendered template with the beans it calls. Without it every one of those reads was a transaction, and a commit,
 * of its own (four to six per view).
 *
 * <p>Only such handlers: a page whose GET writes (an OAuth callback, a short link counting its click) is not
 * annotated and keeps its own transactions. Every read inside joins this transaction; one that fails marks it
 * rollback-only and the view then ends with a rollback instead of a commit, so a failure that was caught and shown
 * (a 404 from the handler) does not turn into an error after the page was sent. One limit: on PostgreSQL a failed
 * statement makes the rest of its transaction fail, so a caught database error early in the view (the bell's count,
 * which otherwise never breaks a page) is followed by the page's own reads failing; the error page, which is not a
 * read-only view, still shows.
 */
@Configuration(proxyBeanMethods = false)
class ReadOnlyPageViews implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyPageViews.class);
    private static final String STATUS = ReadOnlyPageViews.class.getName() + ".transaction";
    /** After {@link RequestTextInterceptor} (order 0): a refused request opens no transaction. */
    private static final int ORDER = 10;

    private final ObjectProvider<PlatformTransactionManager> transactions;
    /** Spring's own reading of {@code @Transactional} (the one its proxies use), cached per method. */
    private final ObjectProvider<TransactionAttributeSource> attributes;

    ReadOnlyPageViews(ObjectProvider<PlatformTransactionManager> transactions,
                      ObjectProvider<TransactionAttributeSource> attributes) {
        this.transactions = transactions;
        this.attributes = attributes;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).order(ORDER);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        TransactionAttribute readOnly = readOnlyView(request, handler);
        if (readOnly != null && request.getAttribute(STATUS) == null) {
            DefaultTransactionAttribute definition = new DefaultTransactionAttribute(readOnly);
            definition.setName("view " + ((HandlerMethod) handler).getShortLogMessage());
            request.setAttribute(STATUS, transactions.getObject().getTransaction(definition));
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(request.getAttribute(STATUS) instanceof TransactionStatus status)) {
            return;
        }
        request.removeAttribute(STATUS);
        if (status.isCompleted()) {
            return;
        }
        PlatformTransactionManager manager = transactions.getObject();
        if (ex != null || status.isRollbackOnly()) {
            manager.rollback(status);
        } else {
            try {
                manager.commit(status);
            } catch (RuntimeException e) {
                // The page has been rendered and may be on its way; nothing was written that could be lost.
                LOG.warn("Ending the read transaction of {} failed: {}", request.getRequestURI(), e.toString());
            }
        }
    }

    /** The handler's read-only transaction when this request is a view of a page that only reads, else null. */
    private TransactionAttribute readOnlyView(HttpServletRequest request, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                || !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PageController.class)) {
            return null;
        }
        TransactionAttribute tx = attributes.getObject().getTransactionAttribute(method.getMethod(), method.getBeanType());
        return tx != null && tx.isReadOnly() ? tx : null;
    }
}
