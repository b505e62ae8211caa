package dev.atrium.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The frame codec on its own: exact frames, and properties over generated ones. */
class PacketsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void open_packets_are_written_as_each_engine_io_version_expects() {
    assertThat(Packets.open("abc", 3, 25000, 20000, 1_000_000))
        .isEqualTo("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000}");
    assertThat(Packets.open("abc", 4, 25000, 20000, 1_000_000))
        .isEqualTo("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
  }

  @Test
  void connect_and_connect_error_differ_between_protocol_v4_and_v5() {
    assertThat(Packets.connected(3, "abc")).isEqualTo("40");
    assertThat(Packets.connected(4, "abc")).isEqualTo("40{\"sid\":\"abc\"}");
    assertThat(Packets.connectError(4, "/admin", "Invalid namespace", null, MAPPER))
        .isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
    assertThat(Packets.connectError(3, "/admin", "Invalid namespace", null, MAPPER))
        .isEqualTo("44/admin,\"Invalid namespace\"");
    assertThat(Packets.connectError(4, "/", "Not authorized", Map.of("code", 401), MAPPER))
        .isEqualTo("44{\"message\":\"Not authorized\",\"data\":{\"code\":401}}");
    assertThat(Packets.connectError(3, "/", "Not authorized", Map.of("code", 401), MAPPER))
        .isEqualTo("44{\"code\":401}");
  }

  @Test
  void events_and_acks_are_written_once_for_both_protocols() {
    assertThat(Packets.event(MAPPER, "user:update", new Object[] {Map.of("data", List.of(1)), null, "x"}))
        .isEqualTo("42[\"user:update\",{\"data\":[1]},null,\"x\"]");
    assertThat(Packets.event(MAPPER, "ping", new Object[0])).isEqualTo("42[\"ping\"]");
    assertThat(Packets.ack(MAPPER, 17, new Object[] {NODES.objectNode().put("ok", true)})).isEqualTo("4317[{\"ok\":true}]");
    assertThat(Packets.ack(MAPPER, 0, new Object[0])).isEqualTo("430[]");
  }

  @Test
  void every_part_of_a_packet_is_read() throws Exception {
    Packets.Packet p = Packets.decode("42/chat,12[\"msg\",{\"a\":1}]", 1, MAPPER);
    assertThat(p).isEqualTo(new Packets.Packet(2, "/chat", 12, 0, MAPPER.readTree("[\"msg\",{\"a\":1}]")));
    assertThat(Packets.decode("40", 1, MAPPER)).isEqualTo(new Packets.Packet(0, "/", -1, 0, null));
    assertThat(Packets.decode("40{\"token\":\"x\"}", 1, MAPPER).data()).isEqualTo(MAPPER.readTree("{\"token\":\"x\"}"));
    assertThat(Packets.decode("40/admin?a=b,", 1, MAPPER).namespace()).isEqualTo("/admin?a=b");
    assertThat(Packets.namespacePath("/admin?a=b")).isEqualTo("/admin");
    assertThat(Packets.decode("40/admin", 1, MAPPER).namespace()).isEqualTo("/admin");
    assertThat(Packets.decode("41", 1, MAPPER).type()).isEqualTo(Packets.DISCONNECT);
    assertThat(Packets.decode("451-7[\"a\",{\"_placeholder\":true,\"num\":0}]", 1, MAPPER))
        .extracting(Packets.Packet::type, Packets.Packet::attachments, Packets.Packet::ackId).containsExactly(5, 1, 7L);
    assertThat(Packets.decode("433[]", 1, MAPPER)).extracting(Packets.Packet::type, Packets.Packet::ackId)
        .containsExactly(3, 3L);
  }

  @Test
  void packets_of_the_wrong_shape_are_malformed() {
    for (String bad : List.of("4", "47", "4a", "42", "42{}", "42[]", "42[null]", "42[\"a\"", "42[\"a\"]x", "42[\"a\"] [1]",
        "41{}", "43[1]", "431{}", "44", "441", "40[1]", "45[\"a\"]", "45x-[\"a\"]", "4-1[\"a\"]",
        "421234567890123456[\"a\"]")) {
      assertThatThrownBy(() -> Packets.decode(bad, 1, MAPPER)).as(bad).isInstanceOf(Packets.MalformedPacketException.class);
    }
  }

  @Property
  void an_encoded_event_decodes_to_its_name_and_arguments(@ForAll("names") String name, @ForAll("argLists") List<JsonNode> args) throws Exception {
    String frame = Packets.event(MAPPER, name, args.toArray());
    assertThat(frame).startsWith("42[");
    Packets.Packet p = Packets.decode(frame, 1, MAPPER);
    assertThat(p.type()).isEqualTo(Packets.EVENT);
    assertThat(p.namespace()).isEqualTo("/");
    assertThat(p.ackId()).isEqualTo(-1);
    ArrayNode expected = NODES.arrayNode().add(name).addAll(args);
    assertThat(p.data()).isEqualTo(MAPPER.readTree(expected.toString()));
  }

  @Property
  void an_encoded_ack_decodes_to_its_id_and_arguments(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int id,
      @ForAll("argLists") List<JsonNode> args) throws Exception {
    Packets.Packet p = Packets.decode(Packets.ack(MAPPER, id, args.toArray()), 1, MAPPER);
    assertThat(p.type()).isEqualTo(Packets.ACK);
    assertThat(p.ackId()).isEqualTo(id);
    assertThat(p.data()).isEqualTo(MAPPER.readTree(NODES.arrayNode().addAll(args).toString()));
  }

  @Property(tries = 2000)
  void any_text_either_decodes_or_is_malformed(@ForAll("frames") String text) {
    try {
      Packets.Packet p = Packets.decode(text, 1, MAPPER);
      assertThat(p.type()).isBetween(0, 6);
    } catch (Packets.MalformedPacketException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().ofMinLength(0).ofMaxLength(30);
  }

  @Provide
  Arbitrary<List<JsonNode>> argLists() {
    return json(2).list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<String> frames() {
    Arbitrary<String> prefix = Arbitraries.of("4", "40", "41", "42", "43", "44", "45", "46", "451-", "42/a,", "427", "4/");
    Arbitrary<String> rest = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
        json(2).map(JsonNode::toString), Arbitraries.strings().withChars("[]{}\",:0123456789-/a").ofMaxLength(20));
    return net.jqwik.api.Combinators.combine(prefix, rest).as(String::concat);
  }

  private static Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles().between(-1e9, 1e9).ofScale(3).map(d -> NODES.numberNode(d.doubleValue())),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(3).map(l -> NODES.arrayNode().addAll(l));
    Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), json(depth - 1)).ofMaxSize(3)
        .map(m -> {
          var o = NODES.objectNode();
          m.forEach(o::set);
          return o;
        });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(1, object));
  }
}
