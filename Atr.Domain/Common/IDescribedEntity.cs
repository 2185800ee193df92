namespace Atr.Domain.Common;

/// <summary>An entity that can say in a few words which one it is, for messages such as "widget 1.2.0 already exists".</summary>
public interface IDescribedEntity
{
    string Describe();
}
