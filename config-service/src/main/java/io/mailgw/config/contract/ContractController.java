package io.mailgw.config.contract;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Sort;
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

/** {@code /api/v1/contracts} of CONTRACT §4. */
@RestController
@RequestMapping(ContractController.PATH)
class ContractController {

    static final String PATH = "/api/v1/contracts";

    private final ContractEditor editor;
    private final ContractRepository contracts;

    ContractController(ContractEditor editor, ContractRepository contracts) {
        this.editor = editor;
        this.contracts = contracts;
    }

    @GetMapping
    List<ContractView> list() {
        return contracts.findAll(Sort.by("id")).stream().map(ContractView::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContractView> create(@RequestBody JsonNode body, Principal user) {
        Contract saved = editor.create(body, user.getName());
        return ResponseEntity.created(URI.create(PATH + "/" + saved.id())).body(ContractView.of(saved));
    }

    @GetMapping("/{id}")
    ContractView read(@PathVariable String id) {
        return ContractView.of(editor.find(id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ContractView replace(@PathVariable String id, @RequestBody JsonNode body, Principal user) {
        return ContractView.of(editor.replace(id, body, user.getName()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Principal user) {
        editor.delete(id, user.getName());
        return ResponseEntity.noContent().build();
    }
}
