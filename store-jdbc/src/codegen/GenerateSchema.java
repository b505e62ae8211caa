import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.GeneratedAnnotationType;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ tables of store-jdbc from its Flyway migrations, so that a column a migration adds is a
 * column the stores can name, and one it drops no longer compiles.
 *
 * <p>The build runs this file with the source launcher of the JDK 25 toolchain (jOOQ 3.21's generator needs a
 * newer JDK than the one Maven runs on): {@code java -cp <classpath> GenerateSchema.java <migrations> <output>}.
 * The migrations run into an in-memory H2 database opened as {@code Database.open} opens one (unquoted names
 * folded to lower case, as PostgreSQL folds them), and jOOQ reads the tables back from it. Everything goes into
 * jOOQ's default schema, so no schema name is generated or rendered.
 */
public class GenerateSchema {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: GenerateSchema <migration directory> <output directory>");
    }
    Path migrations = Path.of(args[0]).toAbsolutePath();
    Path output = Path.of(args[1]).toAbsolutePath();
    if (!Files.isDirectory(migrations)) {
      throw new IllegalArgumentException("no migration directory at " + migrations);
    }
    // Quiet unless it fails, and a failure throws. jOOQ logs through SLF4J, which has no provider here (it would
    // warn that it has none); Flyway through java.util.logging.
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    String url = "jdbc:h2:mem:codegen;DATABASE_TO_LOWER=TRUE";
    try (Connection connection = DriverManager.getConnection(url)) {
      Flyway.configure().dataSource(url, null, null).locations("filesystem:" + migrations).load().migrate();
      GenerationTool tool = new GenerationTool();
      tool.setConnection(connection);
      tool.run(new Configuration()
          .withGenerator(new Generator()
              .withDatabase(new Database()
                  .withName("org.jooq.meta.h2.H2Database")
                  .withInputSchema("public")
                  .withOutputSchemaToDefault(true)
                  .withExcludes("flyway_schema_history")
                  // Tables, their columns and the sequence: what the stores name. Constraints and indexes stay
                  // in the migrations (H2 names the unnamed ones its own way, which PostgreSQL does not share).
                  .withIncludePrimaryKeys(false)
                  .withIncludeUniqueKeys(false)
                  .withIncludeForeignKeys(false)
                  .withIncludeCheckConstraints(false)
                  .withIncludeIndexes(false)
                  // Strings without their length, as the hand-written schema had them: on H2 jOOQ casts each bind
                  // value to its column's type, and a cast to varchar(n) cuts a longer value short (a room search's
                  // upper bound, one character longer than the term column, then matched nothing). The space is
                  // escaped because jOOQ reads these patterns in COMMENTS mode.
                  .withForcedTypes(new ForcedType().withName("VARCHAR").withIncludeTypes("CHARACTER\\ VARYING.*")))
              // No records or join paths: the stores write SQL, they do not navigate objects.
              .withGenerate(new Generate()
                  .withRecords(false)
                  .withImplicitJoinPathsToOne(false)
                  .withImplicitJoinPathsToMany(false)
                  .withImplicitJoinPathsManyToMany(false)
                  // @Generated, so that tools (Error Prone, coverage) can tell the code apart; no date, so that an
                  // unchanged schema rewrites no file and recompiles nothing.
                  .withGeneratedAnnotation(true)
                  .withGeneratedAnnotationType(GeneratedAnnotationType.JAVAX_ANNOTATION_PROCESSING_GENERATED)
                  .withGeneratedAnnotationDate(false))
              .withTarget(new Target()
                  .withPackageName("dev.atrium.store.jdbc.schema")
                  .withDirectory(output.toString())
                  .withClean(true))));
    }
  }
}
