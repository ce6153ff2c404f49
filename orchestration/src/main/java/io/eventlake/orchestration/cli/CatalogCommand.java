package io.eventlake.orchestration.cli;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.orchestration.catalog.CatalogReader;
import io.eventlake.orchestration.catalog.CatalogSettings;
import io.eventlake.orchestration.catalog.CatalogSite;
import io.eventlake.orchestration.config.LakeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lake catalog --out <dir>}: the catalog's static pages ({@link CatalogSite}). */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Write static HTML pages of every table (columns, owner, contract, versions, freshness, "
                + "quality verdicts and charts, quarantine) and the lineage from Kafka to gold; open index.html.")
final class CatalogCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the pages to.")
    private Path out;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        Path index = CatalogSite.write(CatalogReader.read(context.session(), settings,
                context.section(CatalogSettings.SECTION), ContractRegistry.load(settings.contractsLocation()),
                Instant.now()), out);
        PrintWriter writer = context.out();
        writer.printf("catalog of %d tables written; open file://%s%n", settings.catalog().specs().size(), index);
        writer.flush();
        return LakeCommand.OK;
    }
}
