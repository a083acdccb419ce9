package io.projectionist.plex;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexItemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlexModelTest {

    @Test
    void itemTypesByNumberAndName() {
        assertThat(PlexItemType.parse("1")).isEqualTo(PlexItemType.MOVIE);
        assertThat(PlexItemType.parse("show")).isEqualTo(PlexItemType.SHOW);
        assertThat(PlexItemType.parse("Episode").number()).isEqualTo(4);
        assertThat(PlexItemType.parse("artist").number()).isEqualTo(8);
        assertThat(PlexItemType.parse("album").number()).isEqualTo(9);
        assertThat(PlexItemType.parse("track").number()).isEqualTo(10);
        assertThat(PlexItemType.parse("collection").number()).isEqualTo(18);
        assertThat(PlexItemType.parse("playlistFolder").number()).isEqualTo(16);
        assertThat(PlexItemType.ofSectionType("artist")).isEqualTo(PlexItemType.ARTIST);
        assertThatThrownBy(() -> PlexItemType.parse("6")).hasMessageContaining("unknown Plex item type");
    }

    @Test
    void hubHelpers() {
        ManagedHub placeholder = ManagedHub.unmanaged("1", "42");
        assertThat(placeholder.identifier()).isEqualTo("custom.collection.1.42");
        assertThat(placeholder.collectionRatingKey()).isEqualTo("42");
        assertThat(placeholder.builtIn()).isFalse();
        assertThat(placeholder.managed()).isFalse();
        assertThat(List.of(placeholder.promotedToRecommended(), placeholder.promotedToOwnHome(),
                placeholder.promotedToSharedHome())).containsOnly(false);

        ManagedHub home = new ManagedHub("custom.collection.1.577628.577628", "t", true, true, true, null, "all", "all", true);
        assertThat(home.collectionRatingKey()).as("the /hubs form doubles the key; the last part is it").isEqualTo("577628");
        assertThat(new ManagedHub("custom.collection.571285", "t", true, true, true, null, null, null, true)
                .collectionRatingKey()).as("too few parts").isNull();
        assertThat(new ManagedHub("movie.genre", "t", false, false, false, null, "none", "none", true).builtIn()).isTrue();

        assertThat(ManagedHub.deriveHomeVisibility(true, true)).isEqualTo("all");
        assertThat(ManagedHub.deriveHomeVisibility(false, true)).isEqualTo("shared");
        assertThat(ManagedHub.deriveHomeVisibility(true, false)).isEqualTo("admin");
        assertThat(ManagedHub.deriveHomeVisibility(false, false)).isEqualTo("none");
    }

    @Test
    void xmlWithADoctypeIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<MediaContainer title=\"&e;\"/>";
        assertThatThrownBy(() -> PlexNode.parseContainer(xxe)).isInstanceOf(PlexNode.MalformedException.class);
    }

    @Test
    void rawKeysFromAnyBodyShape() {
        assertThat(PlexDispatcher.toKeys(" 1, 2 ,,3")).containsExactly("1", "2", "3");
        assertThat(PlexDispatcher.toKeys(new Object[] { 4, "5" })).containsExactly("4", "5");
        assertThat(PlexDispatcher.toKeys(List.of(6L, List.of("7")))).containsExactly("6", "7");
        assertThatThrownBy(() -> PlexDispatcher.toKeys(new Object())).hasMessageContaining("cannot read rating keys");
    }
}
