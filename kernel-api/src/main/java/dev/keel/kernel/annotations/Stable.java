package dev.keel.kernel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public type whose existing methods keep their signatures and meaning across minor releases. New
 * methods may be added (on interfaces as {@code default} methods). A method is removed only after
 * it was deprecated for at least one minor release. Interfaces an engine implements (the {@code
 * engine} package) gain only {@code default} methods.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Stable {}
