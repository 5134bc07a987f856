package io.mailgw.config.page;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import io.mailgw.config.contract.ContractEditor;
import io.mailgw.config.web.ConflictException;
import io.mailgw.config.web.InvalidRequestException;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Contrato": the list, the form with its "Bandeja de Salida de Correo Electrónico" (OUTBOUND
 * mailboxes only, or none), and deletion after a confirmation. Every change goes through
 * {@link ContractEditor}, as the API's do.
 */
@Controller
class ContractPages {

    private final ContractEditor editor;
    private final ContractRepository contracts;
    private final PageMessages messages;
    private final PageChoices choices;

    ContractPages(ContractEditor editor, ContractRepository contracts, PageMessages messages, PageChoices choices) {
        this.editor = editor;
        this.contracts = contracts;
        this.messages = messages;
        this.choices = choices;
    }

    @GetMapping("/contracts")
    String list(Model model) {
        model.addAttribute("contracts", contracts.findAll(Sort.by("id")));
        model.addAttribute("outboxes", choices.outboxes());
        return "contracts";
    }

    @GetMapping("/contracts/new")
    String create(Model model) {
        return form(model, ContractForm.blank(), false, Map.of());
    }

    @PostMapping("/contracts")
    String create(@ModelAttribute("form") ContractForm form, Principal user, Locale locale, Model model,
            RedirectAttributes redirect) {
        try {
            return saved(editor.create(form.toJson(), user.getName()), locale, redirect);
        }
        catch (InvalidRequestException ex) {
            return form(model, form, false, messages.byField(ex.violations(), locale));
        }
        catch (ConflictException ex) {
            return form(model, form, false, Map.of("id", messages.text("conflict.idTaken", locale, form.id())));
        }
    }

    @GetMapping("/contracts/{id}")
    String edit(@PathVariable String id, Model model) {
        return form(model, ContractForm.of(editor.find(id)), true, Map.of());
    }

    @PostMapping("/contracts/{id}")
    String replace(@PathVariable String id, @ModelAttribute("form") ContractForm form, Principal user, Locale locale,
            Model model, RedirectAttributes redirect) {
        ContractForm sent = form.withId(id);
        try {
            return saved(editor.replace(id, sent.toJson(), user.getName()), locale, redirect);
        }
        catch (InvalidRequestException ex) {
            return form(model, sent, true, messages.byField(ex.violations(), locale));
        }
    }

    @GetMapping("/contracts/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        return confirmation(model, editor.find(id), null);
    }

    @PostMapping("/contracts/{id}/delete")
    String delete(@PathVariable String id, Principal user, Locale locale, Model model, RedirectAttributes redirect) {
        Contract stored = editor.find(id);
        try {
            editor.delete(id, user.getName());
        }
        catch (ConflictException ex) {
            return confirmation(model, stored, messages.text("refusal.contractInUse", locale,
                    messages.references(ex.referencedBy(), locale)));
        }
        redirect.addFlashAttribute("notice", messages.text("notice.contractDeleted", locale, stored.name()));
        return "redirect:/contracts";
    }

    private String saved(Contract saved, Locale locale, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", messages.text("notice.contractSaved", locale, saved.name()));
        return "redirect:/contracts";
    }

    private String form(Model model, ContractForm form, boolean stored, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("stored", stored);
        model.addAttribute("errors", errors);
        model.addAttribute("outboxes", choices.outboxes());
        return "contract-form";
    }

    private String confirmation(Model model, Contract stored, String refusal) {
        model.addAttribute("kind", "contract");
        model.addAttribute("id", stored.id());
        model.addAttribute("name", stored.name());
        model.addAttribute("refusal", refusal);
        return "confirm-delete";
    }
}
