package jp.kpireview.rulebase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * A jar of Drools' executable model (the rules as Java classes) turned back into a rule base: its classes defined
 * from the bytes in memory, its models instantiated, the network assembled. {@link RuleCache} checks the jar's hash
 * before it hands the bytes over.
 */
final class ModelJar {

    private ModelJar() {
    }

    /**
     * Defines the jar's classes in a loader of their own and builds the rule network from its models. Null when the
     * jar names no model or was made by another Drools version.
     */
    static KieBase assemble(byte[] jar) throws IOException, ReflectiveOperationException {
        Map<String, byte[]> files = unzip(jar);
        List<String> modelClasses = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith("META-INF/kie/") && file.getKey().endsWith("/drools-model")) {
                List<String> lines = new String(file.getValue(), StandardCharsets.UTF_8).lines().toList();
                if (lines.isEmpty() || !lines.get(0).equals("Drools-Model-Version:" + RuleCache.DROOLS_VERSION)) {
                    return null;
                }
                lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(modelClasses::add);
            }
        }
        if (modelClasses.isEmpty()) {
            return null;
        }
        ClassLoader loader = new JarBytesLoader(files, ModelJar.class.getClassLoader());
        List<Model> models = new ArrayList<>();
        for (String name : modelClasses) {
            models.add((Model) loader.loadClass(name.strip()).getConstructor().newInstance());
        }
        return KieBaseBuilder.createKieBaseFromModel(models);
    }

    private static Map<String, byte[]> unzip(byte[] jar) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        return files;
    }

    /** Defines classes from a jar held in memory (the one whose hash was just checked), never from the disk again. */
    private static final class JarBytesLoader extends ClassLoader {
        private final Map<String, byte[]> files;

        JarBytesLoader(Map<String, byte[]> files, ClassLoader parent) {
            super(parent);
            this.files = files;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = files.get(name.replace('.', '/') + ".class");
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] bytes = files.get(name);
            return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
        }
    }
}
