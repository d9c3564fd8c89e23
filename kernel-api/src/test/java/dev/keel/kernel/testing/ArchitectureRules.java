package dev.keel.kernel.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rules that keep Keel's public/internal line running one way, checked by each module's {@code
 * TestArchitecture} over its own classes:
 *
 * <ul>
 *   <li>{@link #PUBLIC_API_HIDES_INTERNALS}: a public type outside {@code internal} packages never
 *       mentions an internal type in what a user can see (superclass, interfaces, public and
 *       protected fields, methods and constructors, type arguments included).
 *   <li>{@link #INTERNALS_DO_NOT_CALL_THE_FRONT_DOOR}: kernel internals never go back out through
 *       {@code Table} or {@code SnapshotCache}; they load through the internal loader.
 *   <li>{@link #CONNECTORS_USE_THE_PUBLIC_API}: connectors import nothing internal, from the kernel
 *       or the default engine.
 * </ul>
 */
public final class ArchitectureRules {
  private ArchitectureRules() {}

  private static final String INTERNAL = ".internal.";

  private static boolean isInternal(JavaClass c) {
    return (c.getPackageName() + ".").contains(INTERNAL)
        && c.getPackageName().startsWith("dev.keel.");
  }

  private static final DescribedPredicate<JavaClass> PUBLIC_KEEL_API =
      new DescribedPredicate<>("public types of Keel's public packages") {
        @Override
        public boolean test(JavaClass c) {
          return c.getPackageName().startsWith("dev.keel.kernel")
              && !isInternal(c)
              && c.getModifiers().contains(JavaModifier.PUBLIC)
              && !isInternal(c.getEnclosingClass().orElse(c))
              && c.getEnclosingClass()
                  .map(e -> e.getModifiers().contains(JavaModifier.PUBLIC))
                  .orElse(true);
        }
      };

  private static final ArchCondition<JavaClass> MENTION_NO_INTERNAL_TYPE =
      new ArchCondition<>("mention no internal type in their visible signatures") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          Set<String> found = new LinkedHashSet<>();
          c.getRawSuperclass()
              .filter(ArchitectureRules::isInternal)
              .ifPresent(s -> found.add("extends " + s.getName()));
          for (JavaType i : c.getInterfaces()) {
            internalIn(i, "implements", found);
          }
          for (JavaField f : c.getFields()) {
            if (visible(f.getModifiers())) {
              internalIn(f.getType(), "field " + f.getName(), found);
            }
          }
          for (JavaCodeUnit m : c.getCodeUnits()) {
            if (!visible(m.getModifiers()) || m.getModifiers().contains(JavaModifier.SYNTHETIC)) {
              continue;
            }
            String where = (m.isConstructor() ? "constructor" : "method " + m.getName()) + "(...)";
            internalIn(m.getReturnType(), where + " returns", found);
            for (JavaType p : m.getParameterTypes()) {
              internalIn(p, where + " takes", found);
            }
          }
          for (String f : found) {
            events.add(SimpleConditionEvent.violated(c, c.getName() + " " + f));
          }
        }
      };

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void internalIn(JavaType type, String where, Set<String> found) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      if (isInternal(raw)) {
        found.add(where + " " + raw.getName());
      }
    }
  }

  /** Public types of the public packages mention no internal type where a user sees it. */
  public static final ArchRule PUBLIC_API_HIDES_INTERNALS =
      classes().that(PUBLIC_KEEL_API).should(MENTION_NO_INTERNAL_TYPE).allowEmptyShould(true);

  /**
   * Every public type of the public packages says how stable it is: {@code @Stable} or
   * {@code @Evolving}, not both.
   */
  public static final ArchRule PUBLIC_API_IS_MARKED =
      classes()
          .that(PUBLIC_KEEL_API)
          .and()
          .areNotAnnotations()
          .should(
              new ArchCondition<>("be annotated with exactly one of @Stable and @Evolving") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                  boolean stable = c.isAnnotatedWith("dev.keel.kernel.annotations.Stable");
                  boolean evolving = c.isAnnotatedWith("dev.keel.kernel.annotations.Evolving");
                  if (stable == evolving && c.getEnclosingClass().isEmpty()) {
                    events.add(
                        SimpleConditionEvent.violated(
                            c,
                            c.getName()
                                + (stable
                                    ? " is marked both @Stable and @Evolving"
                                    : " is marked neither @Stable nor @Evolving")));
                  }
                }
              })
          .allowEmptyShould(true);

  /** Kernel internals never call back out through {@code Table} or {@code SnapshotCache}. */
  public static final ArchRule INTERNALS_DO_NOT_CALL_THE_FRONT_DOOR =
      noClasses()
          .that()
          .resideInAPackage("dev.keel.kernel..internal..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.keel.kernel.Table")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.keel.kernel.SnapshotCache")
          .because(
              "internal code loads snapshots through internal.snapshot.SnapshotLoader and refreshes them,"
                  + " so one operation does not list and replay a table twice")
          .allowEmptyShould(true);

  /** Connectors use the public API only. */
  public static final ArchRule CONNECTORS_USE_THE_PUBLIC_API =
      noClasses()
          .that()
          .resideInAPackage("dev.keel.connectors..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.keel..internal..")
          .because(
              "a connector needing more makes the kernel's public API grow, so every connector gains")
          .allowEmptyShould(true);
}
