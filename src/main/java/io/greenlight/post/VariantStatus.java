package io.greenlight.post;

public enum VariantStatus {
    PENDING, PUBLISHED, FAILED
}
