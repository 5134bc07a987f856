package io.mailgw.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link LocalStackProperties} as Spring binds them, with their defaults. */
final class TestProperties {

    private TestProperties() {
    }

    static LocalStackProperties withDataDir(Path dataDir) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource(
                Map.of("mailgw.localstack.data-dir", dataDir.toString()));
        return new Binder(source).bindOrCreate("mailgw.localstack", LocalStackProperties.class);
    }
}
