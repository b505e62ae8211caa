package dev.atrium.api.atrium;

import dev.atrium.core.session.Principal;
import dev.atrium.core.user.Personas;
import dev.atrium.core.user.Profile;
import dev.atrium.http.Params;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /atrium/v1/personas}: the caller creates a persona account of their own, a separate user without a
 * password or email that only its owner can switch to (Roomful's {@code user:getDataForSocketSwitch}). Roomful lists
 * personas but documents no way to make one.
 */
final class AtriumPersonas {
  private final Personas personas;

  AtriumPersonas(Personas personas) {
    this.personas = personas;
  }

  record PersonaIn(@Nullable String firstName, @Nullable String lastName, @Nullable String companyName,
      @Nullable String companyTitle) {}

  /** The new persona's id, as a string like every user id outside Symphony. */
  record PersonaOut(String id, String ownerId) {}

  void create(Context ctx, Principal caller) {
    PersonaIn in = Params.body(ctx, PersonaIn.class);
    Profile profile = Profile.EMPTY.withNames(in.firstName(), in.lastName())
        .withCompany(in.companyName(), in.companyTitle());
    long id = personas.create(caller.userId(), profile).id();
    ctx.status(201).json(new PersonaOut(Long.toString(id), Long.toString(caller.userId())));
  }
}
