using System.Collections.Concurrent;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Bot.Core.Loading;

/// <summary>
/// Remembers each property's converter type. YamlDotNet asks a property for it on every value it reads, and answers
/// by reading the property's attributes through reflection each time: a tenth of a large base's load.
/// </summary>
internal sealed class RememberedConverters(ITypeInspector inner) : ITypeInspector
{
    private readonly ConcurrentDictionary<IPropertyDescriptor, IPropertyDescriptor> _remembered = new(ReferenceEqualityComparer.Instance);

    public IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) =>
        inner.GetProperties(type, container).Select(Remember);

    public IPropertyDescriptor GetProperty(Type type, object? container, string name, bool ignoreUnmatched, bool caseInsensitive) =>
        Remember(inner.GetProperty(type, container, name, ignoreUnmatched, caseInsensitive));

    public string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public object? Parse(string value, Type type) => inner.Parse(value, type);

    private IPropertyDescriptor Remember(IPropertyDescriptor property) =>
        property is null ? property! : _remembered.GetOrAdd(property, p => new Property(p));

    private sealed class Property(IPropertyDescriptor inner) : IPropertyDescriptor
    {
        private readonly Type? _converterType = inner.ConverterType;

        public string Name => inner.Name;

        public bool AllowNulls => inner.AllowNulls;

        public bool CanWrite => inner.CanWrite;

        public Type Type => inner.Type;

        public Type? TypeOverride
        {
            get => inner.TypeOverride;
            set => inner.TypeOverride = value;
        }

        public int Order
        {
            get => inner.Order;
            set => inner.Order = value;
        }

        public ScalarStyle ScalarStyle
        {
            get => inner.ScalarStyle;
            set => inner.ScalarStyle = value;
        }

        public bool Required => inner.Required;

        public Type? ConverterType => _converterType;

        public T? GetCustomAttribute<T>()
            where T : Attribute => inner.GetCustomAttribute<T>();

        public IObjectDescriptor Read(object target) => inner.Read(target);

        public void Write(object target, object? value) => inner.Write(target, value);
    }
}
