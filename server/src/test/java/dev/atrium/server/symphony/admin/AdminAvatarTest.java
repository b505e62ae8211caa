package dev.atrium.server.symphony.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.UserApi;
import com.symphony.bdk.gen.api.model.Avatar;
import com.symphony.bdk.gen.api.model.AvatarUpdate;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import dev.atrium.server.Golden;
import io.restassured.response.Response;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/admin/user/{uid}/avatar}: uploading a picture and serving the stored sizes. */
class AdminAvatarTest {
  static AdminFixture pod;
  static UserApi api;

  @BeforeAll
  static void start() {
    pod = new AdminFixture();
    api = new UserApi(pod.pod);
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static String image(String format, int width, int height, Color color) throws Exception {
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = picture.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    var out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(picture, format, out)).isTrue();
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  /** The avatar URLs are made from the server's public URL; fetch them from the port it listens on. */
  private Response fetch(String url, String ifNoneMatch) {
    String path = url.replaceFirst("^https?://[^/]+", "");
    var request = given().baseUri(pod.server.baseUrl());
    if (ifNoneMatch != null) {
      request = request.header("If-None-Match", ifNoneMatch);
    }
    return request.get(path);
  }

  private static Map<String, String> bySize(List<Avatar> avatars) {
    return Map.of(avatars.get(0).getSize(), avatars.get(0).getUrl(), avatars.get(1).getSize(),
        avatars.get(1).getUrl());
  }

  @Test
  void a_user_without_a_picture_has_no_avatars() throws Exception {
    AdminFixture.Created user = pod.createUser("no.avatar");
    assertThat(api.v1AdminUserUidAvatarGet(pod.adminToken, user.id())).isEmpty();
    pod.admin().get("/pod/v1/admin/user/" + user.id()).then().statusCode(200)
        .body("containsKey('avatar')", equalTo(false));
  }

  @Test
  void an_uploaded_png_is_served_in_two_sizes_with_an_etag() throws Exception {
    AdminFixture.Created user = pod.createUser("png.avatar");
    SuccessResponse ok = api.v1AdminUserUidAvatarUpdatePost(pod.adminToken, user.id(),
        new AvatarUpdate().image(image("png", 800, 400, Color.BLUE)));
    assertThat(ok.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);

    String listed = pod.snapshot("/pod/v1/admin/user/" + user.id() + "/avatar");
    Golden.assertMatches(listed, "symphony/admin/avatar-list.json");
    Map<String, String> urls = bySize(api.v1AdminUserUidAvatarGet(pod.adminToken, user.id()));
    assertThat(urls.keySet()).containsExactlyInAnyOrder("original", "small");

    Response original = fetch(urls.get("original"), null);
    original.then().statusCode(200).contentType("image/png");
    String etag = original.header("ETag");
    assertThat(etag).isNotBlank();
    BufferedImage big = ImageIO.read(new ByteArrayInputStream(original.asByteArray()));
    assertThat(big.getWidth()).isEqualTo(600);
    assertThat(big.getHeight()).isEqualTo(300);
    assertThat(new Color(big.getRGB(10, 10))).isEqualTo(Color.BLUE);

    Response small = fetch(urls.get("small"), null);
    small.then().statusCode(200).contentType("image/png");
    BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(small.asByteArray()));
    assertThat(thumb.getWidth()).isEqualTo(128);
    assertThat(thumb.getHeight()).isEqualTo(64);

    fetch(urls.get("original"), etag).then().statusCode(304).header("ETag", etag);

    pod.admin().get("/pod/v1/admin/user/" + user.id()).then().statusCode(200)
        .body("avatar.size", equalTo("original")).body("avatar.url", equalTo(urls.get("original")));
  }

  @Test
  void a_new_jpeg_gets_new_urls_and_a_new_etag() throws Exception {
    AdminFixture.Created user = pod.createUser("jpeg.avatar");
    api.v1AdminUserUidAvatarUpdatePost(pod.adminToken, user.id(),
        new AvatarUpdate().image(image("png", 64, 64, Color.RED)));
    Map<String, String> first = bySize(api.v1AdminUserUidAvatarGet(pod.adminToken, user.id()));
    String firstTag = fetch(first.get("original"), null).then().statusCode(200).extract().header("ETag");

    api.v1AdminUserUidAvatarUpdatePost(pod.adminToken, user.id(),
        new AvatarUpdate().image(image("jpg", 300, 200, Color.GREEN)));
    Map<String, String> second = bySize(api.v1AdminUserUidAvatarGet(pod.adminToken, user.id()));

    assertThat(second.get("original")).isNotEqualTo(first.get("original"));
    assertThat(second.get("small")).isNotEqualTo(first.get("small"));
    Response fresh = fetch(second.get("original"), firstTag);
    fresh.then().statusCode(200).contentType("image/png");
    assertThat(fresh.header("ETag")).isNotBlank().isNotEqualTo(firstTag);
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(fresh.asByteArray()));
    assertThat(picture.getWidth()).isEqualTo(300);
    assertThat(picture.getHeight()).isEqualTo(200);
  }

  @Test
  void something_that_is_not_an_image_is_refused_and_the_picture_stays() throws Exception {
    AdminFixture.Created user = pod.createUser("bad.avatar");
    String path = "/pod/v1/admin/user/" + user.id() + "/avatar";
    api.v1AdminUserUidAvatarUpdatePost(pod.adminToken, user.id(),
        new AvatarUpdate().image(image("png", 32, 32, Color.BLACK)));
    String before = pod.snapshot(path);

    refused(path + "/update", Map.of("image", Base64.getEncoder().encodeToString("hello, world".getBytes())),
        "image is not a PNG, JPEG, GIF or BMP image");
    refused(path + "/update", Map.of("image", "%%%% not base64 %%%%"), "image must be base64-encoded");
    refused(path + "/update", Map.of(), "image is required");
    refused(path + "/update", Map.of("image", ""), "image is required");
    refused(path + "/update", Map.of("image", 42), "Field 'image' has the wrong type; expected a string");

    assertThat(pod.snapshot(path)).isEqualTo(before);
  }

  @Test
  void an_image_of_two_megabytes_or_more_is_refused() throws Exception {
    AdminFixture.Created user = pod.createUser("huge.avatar");
    String path = "/pod/v1/admin/user/" + user.id() + "/avatar";
    byte[] huge = new byte[2 * 1024 * 1024 + 1];
    new Random(7).nextBytes(huge);
    byte[] png = Base64.getDecoder().decode(image("png", 8, 8, Color.WHITE));
    System.arraycopy(png, 0, huge, 0, png.length);

    refused(path + "/update", Map.of("image", Base64.getEncoder().encodeToString(huge)),
        "image must be smaller than 2 MB");
    byte[] bigger = new byte[3 * 1024 * 1024 + 512 * 1024];
    System.arraycopy(huge, 0, bigger, 0, huge.length);
    // its base64 is past the server's 4 MB request limit: refused before it is read, 413 (it was a 400)
    pod.admin().body(Map.of("image", Base64.getEncoder().encodeToString(bigger))).post(path + "/update").then()
        .statusCode(413).body("code", equalTo(413))
        .body("message", equalTo("The request body is too large: at most 4194304 bytes"));

    assertThat(api.v1AdminUserUidAvatarGet(pod.adminToken, user.id())).isEmpty();
  }

  @Test
  void the_avatar_of_an_unknown_user_is_refused() throws Exception {
    pod.admin().get("/pod/v1/admin/user/99999999999/avatar").then().statusCode(400)
        .body("code", equalTo(400)).body("message", equalTo("User 99999999999 not found"));
    refused("/pod/v1/admin/user/99999999999/avatar/update", Map.of("image", image("png", 8, 8, Color.WHITE)),
        "User 99999999999 not found");
    refused("/pod/v1/admin/user/abc/avatar/update", Map.of("image", image("png", 8, 8, Color.WHITE)),
        "uid must be a user id (a positive decimal integer), got 'abc'");
  }

  private void refused(String path, Object body, String message) {
    pod.admin().body(body).post(path).then().statusCode(400)
        .body("code", equalTo(400)).body("message", equalTo(message));
  }
}
