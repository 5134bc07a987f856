package io.mailgw.model.settings;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface SettingsRepository extends MongoRepository<Settings, String> {

    /** The settings, or empty ones when none were saved yet. */
    default Settings current() {
        return findById(Settings.SINGLETON_ID).orElseGet(Settings::empty);
    }
}
