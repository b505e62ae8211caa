package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.RoomPod.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MessageML against Symphony's tag and attribute whitelist over the wire ({@code /agent/v4/stream/{sid}/message/
 * create}): anything a browser would run is refused with 400 in Symphony's error shape naming the element or
 * attribute, and nothing is stored; {@code data} must be a JSON object; a message too long is refused with
 * Symphony's limit, whatever the size of the multipart body.
 */
class SymphonyMessageMlTest {
  static RoomPod pod;
  static RoomPod.Person jane;
  static String room;

  @BeforeAll
  static void start() {
    pod = RoomPod.start();
    jane = pod.person("mljane");
    room = pod.room(jane, "MessageML room");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static RequestSpecification post(String message) {
    return pod.pod.as(jane.token()).multiPart("message", message);
  }

  static String create() {
    return "/agent/v4/stream/" + room + "/message/create";
  }

  static String stored() {
    return RoomPod.body(pod.as(jane).queryParam("since", 0).get("/agent/v4/stream/" + room + "/message").then(),
        200);
  }

  @Test
  void markup_a_browser_would_run_is_refused_naming_the_element_or_attribute_and_nothing_is_stored() {
    String before = stored();
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put("<messageML><script>alert(1)</script></messageML>",
        "Invalid MessageML content at element \"script\"");
    refusals.put("<messageML><iframe src=\"https://evil.test\"/></messageML>",
        "Invalid MessageML content at element \"iframe\"");
    refusals.put("<messageML><p><svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">x</svg:script></p></messageML>",
        "Invalid MessageML content at element \"svg:script\"");
    refusals.put("<messageML><img src=\"https://cdn.test/a.png\" onerror=\"alert(1)\"/></messageML>",
        "Attribute \"onerror\" is not allowed in \"img\"");
    refusals.put("<messageML><b ONCLICK=\"alert(1)\">x</b></messageML>", "Attribute \"ONCLICK\" is not allowed in \"b\"");
    refusals.put("<messageML xmlns=\"http://www.w3.org/1999/xhtml\">x</messageML>",
        "Attribute \"xmlns\" is not allowed in \"messageML\"");
    String badLink = "Attribute \"href\" of \"a\" must be an absolute http, https, ftp or mailto URL";
    for (String href : List.of("javascript:alert(1)", " JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)",
        "java&#x09;script:alert(1)", "java\nscript:alert(1)", "&#x6A;&#x61;&#x76;&#x61;script&#58;alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "//evil.test/x")) {
      refusals.put("<messageML><a href=\"" + href + "\">click</a></messageML>", badLink);
    }
    refusals.put("<messageML><img src=\"javascript:alert(1)\"/></messageML>",
        "Attribute \"src\" of \"img\" must be an absolute http, https, ftp or mailto URL");
    refusals.put("<messageML><card iconSrc=\"jav&#x0A;ascript:x\">c</card></messageML>",
        "Attribute \"iconSrc\" of \"card\" must be an absolute http, https, ftp or mailto URL");
    refusals.put("<messageML><span style=\"background:URL( 'https://evil.test/track' )\">x</span></messageML>",
        "Attribute \"style\" of \"span\" must not load or run anything (url(), expression(), @import)");
    refusals.put("<messageML><p title=\"JavaScript:alert(1)\">x</p></messageML>",
        "Attribute \"title\" is not allowed in \"p\"");
    refusals.put("<messageML><option value=\"javascript:alert(1)\">x</option></messageML>",
        "Attribute \"value\" of \"option\" must not hold a script");
    refusals.put("<messageML><![CDATA[x><img src=x onerror=alert(1)>]]></messageML>",
        "message is not valid MessageML: comments, CDATA sections and processing instructions are not allowed");
    refusals.put("<messageML>a<!-- c --></messageML>",
        "message is not valid MessageML: comments, CDATA sections and processing instructions are not allowed");

    refusals.forEach((message, error) -> refused(post(message).post(create()).then(), 400, error));
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void symphonys_elements_and_attributes_pass_and_are_shown_as_sent() {
    String message = "<messageML><h1>Report</h1><p class=\"tempo-text-color--green\">Hi <mention uid=\"1\"/>,"
        + " <hash tag=\"q3\"/> <cash tag=\"AAPL\"/> <emoji shortcode=\"smiley\"/> <b>b</b> <i>i</i> <u>u</u>"
        + " <a href=\"https://example.test/x?a=1&amp;b=2\">link</a> <a href=\"mailto:a@example.test\">mail</a></p>"
        + "<card iconSrc=\"https://cdn.test/i.png\" accent=\"tempo-bg-color--blue\"><header>h</header>"
        + "<body><table><thead><tr><th>k</th></tr></thead><tbody><tr><td rowspan=\"1\">v</td></tr></tbody></table>"
        + "<ul><li>one</li></ul><ol><li>two</li></ol><pre>x</pre><code>y</code><br/><hr/>"
        + "<img src=\"https://cdn.test/a.png\"/><span style=\"color: red\">red</span></body></card>"
        + "<expandable-card state=\"collapsed\"><header>e</header><body>f</body></expandable-card>"
        + "<form id=\"f1\"><text-field name=\"t\" placeholder=\"p\" required=\"true\"/><select name=\"s\">"
        + "<option value=\"a\" selected=\"true\">A</option></select><button name=\"go\" type=\"action\">Go</button>"
        + "</form></messageML>";

    String got = RoomPod.body(post(message).post(create()).then(), 200);

    assertThat(RoomPod.json(got).getString("message")).isEqualTo(
        "<div data-format=\"PresentationML\" data-version=\"2.0\">"
            + message.substring("<messageML>".length(), message.length() - "</messageML>".length()) + "</div>");
  }

  @Test
  void data_must_be_a_json_object() {
    for (String data : List.of("[1]", "1", "\"text\"", "null", "{", "{\"a\":1} {}", "{\"a\":1}]", "not json")) {
      refused(post("<messageML>d</messageML>").multiPart("data", data).post(create()).then(), 400,
          "data must be a JSON object");
    }
    String got = RoomPod.body(post("<messageML>d</messageML>").multiPart("data", "{\"k\":[1,{\"n\":null}]}")
        .post(create()).then(), 200);
    assertThat(RoomPod.json(got).getString("data")).isEqualTo("{\"k\":[1,{\"n\":null}]}");
  }

  @Test
  void a_message_over_symphonys_limit_is_a_400_at_any_size() {
    for (int length : List.of(80_001, 199_999, 200_001, 1_000_000)) {
      String message = "<messageML>" + "x".repeat(length - 23) + "</messageML>";
      refused(post(message).post(create()).then(), 400, "message must be at most 80000 characters long");
    }
  }
}
