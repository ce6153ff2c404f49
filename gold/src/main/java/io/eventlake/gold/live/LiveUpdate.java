package io.eventlake.gold.live;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * What the fast path's stateful step emits for a position in a micro-batch: one row with the position after the
 * batch ({@link #isAlert()} false), and one row per threshold crossing ({@link #getAlertId()} set, the same id
 * {@code gold.inventory_alerts} gives it). A Java bean for Spark's encoder.
 */
public class LiveUpdate implements Serializable {
    private static final long serialVersionUID = 1L;
    private String storeId;
    private String sku;
    private String alertId;
    private long onHandBefore;
    private long onHand;
    private int reorderThreshold;
    private Timestamp occurredAt;
    private int applied;
    private int duplicates;

    public LiveUpdate() {
    }

    static LiveUpdate position(String storeId, String sku, long onHand, int threshold, Timestamp updatedAt,
                               int applied, int duplicates) {
        LiveUpdate update = new LiveUpdate();
        update.storeId = storeId;
        update.sku = sku;
        update.onHand = onHand;
        update.onHandBefore = onHand;
        update.reorderThreshold = threshold;
        update.occurredAt = updatedAt;
        update.applied = applied;
        update.duplicates = duplicates;
        return update;
    }

    static LiveUpdate alert(String storeId, String sku, String alertId, long before, long after, int threshold,
                            Timestamp occurredAt) {
        LiveUpdate update = position(storeId, sku, after, threshold, occurredAt, 0, 0);
        update.alertId = alertId;
        update.onHandBefore = before;
        return update;
    }

    /** Whether this row is a crossing (else the position after the batch). */
    public boolean isAlert() {
        return alertId != null;
    }

    public String getStoreId() {
        return storeId;
    }

    public void setStoreId(String storeId) {
        this.storeId = storeId;
    }

    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    public String getAlertId() {
        return alertId;
    }

    public void setAlertId(String alertId) {
        this.alertId = alertId;
    }

    public long getOnHandBefore() {
        return onHandBefore;
    }

    public void setOnHandBefore(long onHandBefore) {
        this.onHandBefore = onHandBefore;
    }

    public long getOnHand() {
        return onHand;
    }

    public void setOnHand(long onHand) {
        this.onHand = onHand;
    }

    public int getReorderThreshold() {
        return reorderThreshold;
    }

    public void setReorderThreshold(int reorderThreshold) {
        this.reorderThreshold = reorderThreshold;
    }

    public Timestamp getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(Timestamp occurredAt) {
        this.occurredAt = occurredAt;
    }

    /** Changes applied to the position in the batch (position rows only). */
    public int getApplied() {
        return applied;
    }

    public void setApplied(int applied) {
        this.applied = applied;
    }

    /** Copies of changes already applied, dropped in the batch (position rows only). */
    public int getDuplicates() {
        return duplicates;
    }

    public void setDuplicates(int duplicates) {
        this.duplicates = duplicates;
    }
}
