package io.eventlake.silver;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/** Column types every silver table shares. */
public final class SilverTables {
    private SilverTables() {
    }

    /** Lineage of a silver row: where its bronze record came from. */
    public static final StructType SOURCE_TYPE = new StructType()
            .add("topic", StringType)
            .add("partition", IntegerType)
            .add("offset", LongType)
            .add("ingest_time", TimestampType);
}
