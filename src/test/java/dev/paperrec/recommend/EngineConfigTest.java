package dev.paperrec.recommend;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's settings as the service reads them: {@link RecommendConfig.Engine}, without booting Quarkus. */
class EngineConfigTest {

    private static RecommendConfig.Engine engine(ConfigSource source) {
        return new SmallRyeConfigBuilder().withMapping(RecommendConfig.class).withSources(source).build()
                .getConfigMapping(RecommendConfig.class).engine();
    }

    private static RecommendConfig.Engine engine(Map<String, String> properties) {
        return engine(new PropertiesConfigSource(properties, "test", 400));
    }

    @Test
    void shouldDefaultEverySettingToTheTunedValue() {
        EngineSettings configured = engine(Map.of()).settings();
        EngineSettings tuned = EngineSettings.defaults();

        for (RecordComponent c : EngineSettings.class.getRecordComponents()) {
            assertThat(value(c, configured)).as(c.getName()).isEqualTo(value(c, tuned));
        }
        assertThat(configured).isEqualTo(tuned);
    }

    @Test
    void shouldHaveOnePropertyPerSettingNamedAsTheSetting() {
        String[] properties = Arrays.stream(RecommendConfig.Engine.class.getDeclaredMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers())).map(Method::getName).sorted().toArray(String[]::new);
        String[] settings = Arrays.stream(EngineSettings.class.getRecordComponents()).map(RecordComponent::getName)
                .sorted().toArray(String[]::new);

        assertThat(properties).containsExactly(settings);
        for (RecordComponent c : EngineSettings.class.getRecordComponents()) {
            assertThat(method(c.getName()).getReturnType()).as(c.getName()).isEqualTo(c.getType());
        }
    }

    @Test
    void shouldReadOverridesUnderTheirKebabCaseNames() {
        EngineSettings settings = engine(Map.of("paperrec.recommend.engine.read-weight", "0.4",
                "paperrec.recommend.engine.freshness-half-life", "P21D",
                "paperrec.recommend.engine.collaborative-growth-history", "12")).settings();

        assertThat(settings).isEqualTo(EngineSettings.defaults().with(Map.of("readWeight", "0.4",
                "freshnessHalfLife", "P21D", "collaborativeGrowthHistory", "12")));
    }

    @Test
    void shouldReadOverridesFromTheEnvironment() {
        EngineSettings settings = engine(new EnvConfigSource(Map.of("PAPERREC_RECOMMEND_ENGINE_MMR_LAMBDA", "1.0"),
                300)).settings();

        assertThat(settings.mmrLambda()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseAnUnknownSetting() {
        assertThatThrownBy(() -> engine(Map.of("paperrec.recommend.engine.upvote-wieght", "2.0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("paperrec.recommend.engine.upvote-wieght");
    }

    @Test
    void shouldRefuseSettingsTheEngineCannotRunWith() {
        RecommendConfig.Engine engine = engine(Map.of("paperrec.recommend.engine.read-weight", "2.0"));

        assertThatThrownBy(engine::settings).isInstanceOf(IllegalArgumentException.class);
    }

    private static Method method(String name) {
        try {
            return RecommendConfig.Engine.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("no property for " + name, e);
        }
    }

    private static Object value(RecordComponent component, EngineSettings settings) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
