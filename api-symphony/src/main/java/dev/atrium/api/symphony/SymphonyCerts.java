package dev.atrium.api.symphony;

import static dev.atrium.http.Params.body;
import static dev.atrium.http.Params.required;

import dev.atrium.core.cert.CertAttributes;
import dev.atrium.core.cert.CertAttributesEdit;
import dev.atrium.core.cert.CertStatus;
import dev.atrium.core.cert.CertType;
import dev.atrium.core.cert.CompanyCert;
import dev.atrium.core.cert.CompanyCertDetail;
import dev.atrium.core.cert.CompanyCerts;
import dev.atrium.core.user.User;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Company certificates (the spec's "Security" tag), for pod administrators. A certificate's id is its
 * fingerprint: the lower-case hex SHA-256 of its DER encoding.
 */
final class SymphonyCerts {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final CompanyCerts certs;
  private final Requests requests;

  SymphonyCerts(CompanyCerts certs, Requests requests) {
    this.certs = certs;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    var r = cfg.routes;
    r.post("/pod/v1/companycert/create", ctx -> {
      create(ctx, requests.podAdmin(ctx), false);
      ctx.json(Wire.SuccessResponse.ok("OK"));
    });
    r.post("/pod/v2/companycert/create", this::createV2);
    r.post("/pod/v1/companycert/delete", this::delete);
    r.get("/pod/v1/companycert/list", ctx -> {
      User actor = requests.podAdmin(ctx);
      ctx.json(items(certs.list(actor, skip(ctx), limit(ctx))));
    });
    r.get("/pod/v1/companycert/podmanaged/list", ctx -> {
      User actor = requests.podAdmin(ctx);
      ctx.json(items(certs.listPodManaged(actor, skip(ctx), limit(ctx))));
    });
    r.post("/pod/v1/companycert/type/list", this::listOfTypes);
    r.get("/pod/v1/companycert/{fingerPrint}/get", ctx ->
        ctx.json(detail(certs.detail(requests.podAdmin(ctx), ctx.pathParam("fingerPrint")))));
    r.post("/pod/v1/companycert/{fingerPrint}/update", this::update);
    r.get("/pod/v1/companycert/{fingerPrint}/issuedBy", ctx ->
        ctx.json(items(certs.issuedBy(requests.podAdmin(ctx), ctx.pathParam("fingerPrint")))));
  }

  private CompanyCert create(Context ctx, User actor, boolean rejectExpired) {
    Wire.CompanyCertIn in = body(ctx, Wire.CompanyCertIn.class);
    String pem = required(in.pem(), "pem");
    Wire.CompanyCertAttributesIn a = required(in.attributes(), "attributes");
    CertAttributes attributes = new CertAttributes(required(a.name(), "attributes.name"),
        type(required(a.type(), "attributes.type"), "attributes.type"),
        status(required(a.status(), "attributes.status"), "attributes.status"));
    return certs.create(actor, pem, attributes, rejectExpired);
  }

  /** v2 refuses an expired certificate and answers with the new certificate's details. */
  private void createV2(Context ctx) {
    User actor = requests.podAdmin(ctx);
    CompanyCert created = create(ctx, actor, true);
    ctx.json(detail(certs.detail(actor, created.fingerprint())));
  }

  private void update(Context ctx) {
    User actor = requests.podAdmin(ctx);
    Wire.CompanyCertAttributesIn in = body(ctx, Wire.CompanyCertAttributesIn.class);
    certs.update(actor, ctx.pathParam("fingerPrint"), new CertAttributesEdit(in.name(),
        in.type() == null ? null : type(in.type(), "type"), in.status() == null ? null : status(in.status(), "status")));
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  private void delete(Context ctx) {
    User actor = requests.podAdmin(ctx);
    String fingerprint = required(body(ctx, Wire.StringIdIn.class).id(), "id");
    certs.delete(actor, fingerprint);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  private void listOfTypes(Context ctx) {
    User actor = requests.podAdmin(ctx);
    Wire.CertTypeIn[] in = body(ctx, Wire.CertTypeIn[].class);
    Set<CertType> types = EnumSet.noneOf(CertType.class);
    for (int i = 0; i < in.length; i++) {
      types.add(type(required(in[i], "[" + i + "]"), "[" + i + "]"));
    }
    ctx.json(items(certs.listOfTypes(actor, types, skip(ctx), limit(ctx))));
  }

  private static CertType type(Wire.CertTypeIn in, String field) {
    return Params.enumValue(CertType.class, required(in.type(), field + ".type"), field + ".type");
  }

  private static CertStatus status(Wire.CertTypeIn in, String field) {
    return Params.enumValue(CertStatus.class, required(in.type(), field + ".type"), field + ".type");
  }

  private static int skip(Context ctx) {
    return Params.intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE);
  }

  private static int limit(Context ctx) {
    return Params.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  // ---- wire shapes

  private static List<Wire.CompanyCertInfoItem> items(List<CompanyCert> certs) {
    return certs.stream().map(c -> new Wire.CompanyCertInfoItem(attributes(c.attributes()), info(c))).toList();
  }

  private static Wire.CompanyCertDetail detail(CompanyCertDetail d) {
    return new Wire.CompanyCertDetail(attributes(d.cert().attributes()), info(d.cert()), d.certInfo().stream()
        .map(s -> new Wire.CertInfoItem(s.name(), s.attributes().stream()
            .map(f -> new Wire.NameValuePair(f.name(), f.value())).toList()))
        .toList());
  }

  private static Wire.CompanyCertAttributes attributes(CertAttributes a) {
    return new Wire.CompanyCertAttributes(a.name(), new Wire.CompanyCertType(a.type().name()),
        new Wire.CompanyCertStatus(a.status().name()));
  }

  private static Wire.CompanyCertInfo info(CompanyCert c) {
    return new Wire.CompanyCertInfo(c.fingerprint(), c.issuerFingerprint(), millis(c.lastSeenAt()),
        c.updatedAt().toEpochMilli(), c.updatedBy(), c.commonName(), c.expiresAt().toEpochMilli());
  }

  private static long millis(@Nullable Instant instant) {
    return instant == null ? 0 : instant.toEpochMilli();
  }
}
