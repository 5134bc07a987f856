package io.mailgw.config.user;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.mailgw.config.security.ApiUser;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: {@code {"name": "ana", "role": "VIEWER", "password": "write-only"}}.
 * Role ADMIN only, reading included: the list of who may sign in is itself worth protecting.
 */
@RestController
@RequestMapping(UserController.PATH)
class UserController {

    static final String PATH = "/api/v1/users";

    private final UserEditor editor;
    private final MongoOperations mongo;

    UserController(UserEditor editor, MongoOperations mongo) {
        this.editor = editor;
        this.mongo = mongo;
    }

    /** All users by name. */
    @GetMapping
    List<UserView> list() {
        return mongo.find(new Query().with(Sort.by("_id")), ApiUser.class).stream().map(UserView::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserView> create(@RequestBody JsonNode body, Principal user) {
        ApiUser saved = editor.create(UserSubmission.read(body), user.getName());
        return ResponseEntity.created(URI.create(PATH + "/" + saved.username())).body(UserView.of(saved));
    }

    @GetMapping("/{name}")
    UserView read(@PathVariable String name) {
        return UserView.of(editor.find(name));
    }

    /** Changes the role and/or the password; what is left out stays. */
    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView update(@PathVariable String name, @RequestBody JsonNode body, Principal user) {
        return UserView.of(editor.update(name, UserSubmission.read(body), user.getName()));
    }

    /** 409 for the last ADMIN. */
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, Principal user) {
        editor.delete(name, user.getName());
        return ResponseEntity.noContent().build();
    }
}
