package io.eventlake.silver;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.quality.QualityGates;
import io.eventlake.silver.pii.PiiTokenizer;

/**
 * What every silver job is built with.
 *
 * @param settings  tables, checkpoints, timing
 * @param contracts the event contracts (every version of every type)
 * @param tokenizer replaces personal fields with keyed tokens
 * @param metrics   where the jobs record what each micro-batch did
 * @param quality   the gates checking each micro-batch before it is written (bronze to silver)
 */
public record SilverContext(SilverSettings settings, ContractRegistry contracts, PiiTokenizer tokenizer,
                            SilverRunMetrics metrics, QualityGates quality) {
}
