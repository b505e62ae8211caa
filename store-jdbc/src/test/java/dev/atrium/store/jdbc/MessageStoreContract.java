package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.message.Message;
import dev.atrium.core.message.MessageId;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomId;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.user.User;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the message store must do, on every {@link Backend}. Each test starts on empty tables. */
abstract class MessageStoreContract extends DatabaseTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(11);

  JdbcMessageStore messages;
  long ada;
  String room;
  String other;

  MessageStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void stores() {
    JdbcUserStore users = new JdbcUserStore(tx);
    JdbcRoomStore rooms = new JdbcRoomStore(tx);
    messages = new JdbcMessageStore(tx);
    User u = user(userId(users.nextSequence()), "ada", "ada@example.com", names(null, null));
    tx.run(() -> users.insert(u));
    ada = u.id();
    room = RoomId.random(RANDOM);
    other = RoomId.random(RANDOM);
    for (String id : List.of(room, other)) {
      tx.run(() -> rooms.insert(Room.builder().id(id).kind(RoomKind.ROOM).name("room " + id).creatorId(ada)
          .createdAt(T0).build()));
    }
  }

  Message message(String roomId, String text, Instant at) {
    Message m = new Message(MessageId.random(RANDOM), roomId, ada, "<messageML>" + text + "</messageML>", text,
        null, at, false, null);
    tx.run(() -> messages.insert(m));
    return m;
  }

  @Test
  void insert_thenById_returnsEveryField() {
    Message m = new Message(MessageId.random(RANDOM), room, ada, "<messageML>Hello <b>world</b></messageML>",
        "Hello world", "{\"a\":1}", T0.plusMillis(1_234), false, null);
    tx.run(() -> messages.insert(m));

    assertThat(tx.inTransaction(() -> messages.byId(m.id()))).contains(m);
    assertThat(tx.inTransaction(() -> messages.lock(m.id()))).contains(m);
  }

  @Test
  void byId_ofUnknownMessage_isEmpty() {
    assertThat(tx.inTransaction(() -> messages.byId(MessageId.random(RANDOM)))).isEmpty();
  }

  @Test
  void suppress_marksTheMessageWithItsDate() {
    Message m = message(room, "secret", T0);

    tx.run(() -> messages.suppress(m.id(), T0.plusSeconds(5)));

    assertThat(tx.inTransaction(() -> messages.byId(m.id()))).contains(m.suppress(T0.plusSeconds(5)));
  }

  @Test
  void visible_isTheRoomsMessagesSinceTheTime_oldestFirst_withoutSuppressedOnes() {
    Message old = message(room, "old", T0);
    Message second = message(room, "second", T0.plusSeconds(2));
    Message first = message(room, "first", T0.plusSeconds(1));
    Message hidden = message(room, "hidden", T0.plusSeconds(3));
    message(other, "elsewhere", T0.plusSeconds(1));
    tx.run(() -> messages.suppress(hidden.id(), T0.plusSeconds(4)));

    assertThat(tx.inTransaction(() -> messages.visible(room, T0.plusSeconds(1), 0, 50)))
        .containsExactly(first, second);
    assertThat(tx.inTransaction(() -> messages.visible(room, T0, 0, 50))).containsExactly(old, first, second);
  }

  @Test
  void visible_pagesWithSkipAndLimit() {
    Message a = message(room, "a", T0);
    Message b = message(room, "b", T0.plusSeconds(1));
    Message c = message(room, "c", T0.plusSeconds(2));

    assertThat(tx.inTransaction(() -> messages.visible(room, T0, 1, 1))).containsExactly(b);
    assertThat(tx.inTransaction(() -> messages.visible(room, T0, 0, 2))).containsExactly(a, b);
    assertThat(tx.inTransaction(() -> messages.visible(room, T0, 2, 5))).containsExactly(c);
    assertThat(tx.inTransaction(() -> messages.visible(room, T0, 3, 5))).isEmpty();
  }
}
