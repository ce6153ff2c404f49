package io.eventlake.gold.live;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The fast path's state of one position (store and SKU): units on hand, when its latest change occurred, and the
 * changes applied within the de-duplication window (change key to when it occurred, epoch milliseconds). A Java
 * bean because Spark's state encoder wants one; {@link LivePositions} is the only code that changes it.
 */
public class PositionState implements Serializable {
    private static final long serialVersionUID = 1L;
    private long onHand;
    private long updatedAtMillis;
    private Map<String, Long> recentChanges = new HashMap<>();

    public long getOnHand() {
        return onHand;
    }

    public void setOnHand(long onHand) {
        this.onHand = onHand;
    }

    public long getUpdatedAtMillis() {
        return updatedAtMillis;
    }

    public void setUpdatedAtMillis(long updatedAtMillis) {
        this.updatedAtMillis = updatedAtMillis;
    }

    public Map<String, Long> getRecentChanges() {
        return recentChanges;
    }

    public void setRecentChanges(Map<String, Long> recentChanges) {
        this.recentChanges = recentChanges == null ? new HashMap<>() : new HashMap<>(recentChanges);
    }
}
